/// Which doctor a caller means.
extension PracticeConfiguration {
    /// The doctors a spoken or typed name can refer to: `Patel`, `doctor patel`, `Dr. Patel` and `DR PATEL` all
    /// find `Dr. Patel`; `Anita Patel` finds `Dr. Anita Patel`.
    ///
    /// Case, accents, punctuation and a leading title (`Dr`, `Doctor`) are ignored; the words left must be the
    /// doctor's name or its last words.
    public func doctors(matching spokenName: String) -> [Doctor] {
        let spoken = DoctorName.words(spokenName)
        return self.doctors.filter { DoctorName.matches(spoken: spoken, name: DoctorName.words($0.name)) }
    }

    /// The one doctor `spokenName` refers to, or `nil` when it names none or more than one (two Dr. Patels).
    public func doctor(matching spokenName: String) -> Doctor? {
        let matches = self.doctors(matching: spokenName)
        return matches.count == 1 ? matches.first : nil
    }
}

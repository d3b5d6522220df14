import Foundation

/// How a doctor's name is compared: folded to lower case without accents, split into words, the title dropped.
///
/// `Dr. Patel`, `doctor patel` and `Patel` all become `["patel"]`; `Dr. Anita Patel` becomes `["anita", "patel"]`.
enum DoctorName {
    /// Words taken as a title, not a name, at the start.
    static let titles: Set<String> = ["dr", "doctor", "dra", "doc"]

    /// The name's words without the leading title.
    static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
        var words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        while let first = words.first, self.titles.contains(first) {
            words.removeFirst()
        }
        return words
    }

    /// Whether a spoken name refers to a doctor's name: the same words, or the name's last words (the surname,
    /// or first name and surname).
    static func matches(spoken: [String], name: [String]) -> Bool {
        !spoken.isEmpty && spoken.count <= name.count && Array(name.suffix(spoken.count)) == spoken
    }
}

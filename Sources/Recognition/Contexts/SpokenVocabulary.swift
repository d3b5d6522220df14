/// The number words shared by the `time` and `dateOfBirth` grammars, spelled as `SpokenText` writes them and as
/// the understanding layer's `SpokenNumber` reads them.
///
/// Not real-time safe: control thread only.
enum SpokenVocabulary {
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    /// one … nine.
    static let units = Array(SpokenText.ones[1...9])
    /// ten … nineteen.
    static let teens = Array(SpokenText.ones[10...19])
    /// twenty … ninety.
    static let tens = Array(SpokenText.tens[2...9])

    /// The days of a month as ordinals, `first` … `thirty first`.
    static let dayOrdinals: [String] = (1...31).map { SpokenText.ordinal("\($0)th")!.joined(separator: " ") }

    /// The hours of a clock, `one` … `twelve`.
    static let hours = Array(SpokenText.ones[1...12])
}

/// A name read from the answer to "What is your name?", where the recognizer's name context returns the name
/// words with, at most, a lead-in (`my name is`, `it's`, `this is`) or a filler, and perhaps the date of birth
/// after it.
enum SpokenName {
    /// Words that introduce or pad a name and are never part of it.
    static let fillers: Set<Substring> = [
        "my", "name", "names", "name's", "is", "it's", "its", "it", "this", "i'm", "im", "i", "am", "um", "uh", "er",
        "erm", "hi", "hello", "yes", "yeah", "sure", "okay", "ok", "oh", "well", "speaking", "here", "the", "please",
        "thanks", "thank", "you", "so", "hmm", "hm", "mm", "mhm", "ah",
    ]

    /// Words that end the name: what follows is a date of birth or something else (`Maria Lopez, born …`).
    static let stops: Set<Substring> = [
        "and", "born", "birth", "birthday", "dob", "date", "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december", "on", "from", "calling", "about",
    ]

    /// Words a name is at most.
    static let maximumWordCount = 4

    /// The name words capitalized (`Maria Lopez`), or `nil` when no word is left or too many are.
    static func read(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }
        let said = words.prefix { !Self.stops.contains($0) && !$0.contains(where: \.isNumber) }
        let name = said.filter { !Self.fillers.contains($0) && $0.count >= 2 }
        guard !name.isEmpty, name.count <= Self.maximumWordCount else { return nil }
        return name.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// A name read from the answer to "What is your name?", where the recognizer's name context returns the name
/// words with, at most, a lead-in (`my name is`, `it's`, `this is`) or a filler.
enum SpokenName {
    /// Words that introduce or pad a name and are never part of it.
    static let fillers: Set<Substring> = [
        "my", "name", "names", "name's", "is", "it's", "its", "it", "this", "i'm", "im", "i", "am", "um", "uh", "er",
        "erm", "hi", "hello", "yes", "yeah", "sure", "okay", "ok", "oh", "well", "speaking", "here", "the", "please",
        "thanks", "thank", "you", "so", "and", "calling",
    ]

    /// Words a name is at most.
    static let maximumWordCount = 4

    /// The name words capitalized (`Maria Lopez`), or `nil` when no word is left or too many are.
    static func read(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter && $0 != "'" && $0 != "-" }
        let name = words.filter { !Self.fillers.contains($0) && $0.count >= 2 }
        guard !name.isEmpty, name.count <= Self.maximumWordCount else { return nil }
        return name.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

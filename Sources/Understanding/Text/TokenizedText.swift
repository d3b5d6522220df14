/// Caller text split into lower-case words, with fillers removed and contractions folded.
///
/// The words are what every rule in this module matches against: `"Hi, um, I can't make it"` becomes
/// `hi i cant make it`. Apostrophes are dropped (`can't` → `cant`, `that's` → `thats`), hyphens and other
/// punctuation separate words (`x-ray` → `x ray`), a number glued to a unit is split (`4pm` → `4 pm`), and
/// clock times and slashed dates stay whole (`3:30`, `07/04/1982`). Fillers (`um`, `uh`, `er`, `hmm`, …) are
/// removed; their count is kept so that an utterance of fillers only can be told apart from an empty one.
///
/// Not real-time safe: allocates; call from the dialogue side, never from an audio thread.
public struct TokenizedText: Sendable, Equatable {
    /// The words in order, lower case, without fillers.
    public var words: [String]

    /// How many filler words were removed.
    public var fillerCount: Int

    /// Words that carry no meaning in a request and are removed before matching.
    static let fillers: Set<String> = ["um", "umm", "uhm", "uh", "uhh", "er", "erm", "hmm", "hm", "mm", "ah", "eh"]

    /// Splits `text` into words.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(_ text: String) {
        var words: [String] = []
        var fillerCount = 0
        var current = ""

        func finish() {
            defer { current = "" }
            // A trailing ':' or '/' belongs to punctuation, not to a time or a date.
            while let last = current.last, last == ":" || last == "/" { current.removeLast() }
            guard !current.isEmpty else { return }
            for piece in Self.splitNumberAndUnit(current) {
                if Self.fillers.contains(piece) { fillerCount += 1 } else { words.append(piece) }
            }
        }

        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                current.unicodeScalars.append(scalar)
            case "'", "\u{2019}":
                continue
            case ":", "/":
                // Inside a number (3:30, 07/04) these join; anywhere else they separate.
                if let last = current.unicodeScalars.last, ("0"..."9").contains(last) {
                    current.unicodeScalars.append(scalar)
                } else {
                    finish()
                }
            default:
                finish()
            }
        }
        finish()
        self.words = words
        self.fillerCount = fillerCount
    }

    /// `4pm` → `4`, `pm`; `10am` → `10`, `am`; `3rd`, `15th`, `3:30` and plain words stay whole.
    static func splitNumberAndUnit(_ word: String) -> [String] {
        for unit in ["am", "pm"] where word.hasSuffix(unit) && word.count > unit.count {
            let number = word.dropLast(unit.count)
            if number.allSatisfy({ $0.isNumber || $0 == ":" }) { return [String(number), unit] }
        }
        return [word]
    }
}

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
    /// Besides the one-word fillers, `you know` is removed unless it asks something (`do you know`, `if you
    /// know`), and `like` and `i mean` are removed where a comma follows them (`my son, like, needs`), which
    /// keeps `I'd like an appointment`.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(_ text: String) {
        var raw: [(word: String, isFollowedByPause: Bool)] = []
        var current = ""

        func finish(pause: Bool = false) {
            defer { current = "" }
            // A trailing ':' or '/' belongs to punctuation, not to a time or a date.
            while let last = current.last, last == ":" || last == "/" { current.removeLast() }
            if current.isEmpty {
                if pause, !raw.isEmpty { raw[raw.count - 1].isFollowedByPause = true }
                return
            }
            let pieces = Self.splitNumberAndUnit(current)
            for (index, piece) in pieces.enumerated() {
                raw.append((piece, pause && index == pieces.count - 1))
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
            case ",", ".", ";", "!", "?":
                finish(pause: true)
            default:
                finish()
            }
        }
        finish()

        var words: [String] = []
        var fillerCount = 0
        var index = 0
        while index < raw.count {
            let (word, isFollowedByPause) = raw[index]
            let next = index + 1 < raw.count ? raw[index + 1] : nil
            let previous = words.last ?? ""
            if Self.fillers.contains(word) || word == "like" && isFollowedByPause {
                fillerCount += 1
                index += 1
            } else if word == "you", next?.word == "know", next!.isFollowedByPause || !Self.askers.contains(previous) {
                fillerCount += 1
                index += 2
            } else if word == "i", next?.word == "mean", next!.isFollowedByPause {
                fillerCount += 1
                index += 2
            } else {
                words.append(word)
                index += 1
            }
        }
        self.words = words
        self.fillerCount = fillerCount
    }

    /// Words before `you know` that make it a question rather than a filler.
    static let askers: Set<String> = ["do", "did", "dont", "if", "would", "as", "what", "could", "does", "didnt"]

    /// `4pm` → `4`, `pm`; `10am` → `10`, `am`; `3rd`, `15th`, `3:30` and plain words stay whole.
    static func splitNumberAndUnit(_ word: String) -> [String] {
        for unit in ["am", "pm"] where word.hasSuffix(unit) && word.count > unit.count {
            let number = word.dropLast(unit.count)
            if number.allSatisfy({ $0.isNumber || $0 == ":" }) { return [String(number), unit] }
        }
        return [word]
    }
}

/// A phrase to look for in a word list, written as words separated by spaces.
///
/// The notation, kept small so that the tables of phrases stay readable:
/// - `book|schedule` is one word out of several;
/// - `an?` (a trailing `?`) is a word that may be missing;
/// - `_` is exactly one word of any kind;
/// - `~` is a gap of up to two words of any kind.
///
/// `"cant|cannot breathe"`, `"make|book an? appointment"`, `"chest ~ pain"`.
struct PhrasePattern: Sendable, CustomStringConvertible {
    enum Element: Sendable {
        case word(Set<String>, isOptional: Bool)
        case anyWord
        case gap(Int)
    }

    /// The pattern as written, for explanations.
    let description: String
    let elements: [Element]

    init(_ text: String) {
        self.description = text
        self.elements = text.split(separator: " ").map { piece in
            switch piece {
            case "_": return .anyWord
            case "~": return .gap(2)
            default:
                let isOptional = piece.hasSuffix("?")
                let body = isOptional ? piece.dropLast() : piece
                return .word(Set(body.split(separator: "|").map(String.init)), isOptional: isOptional)
            }
        }
    }

    /// The longest gap at the end of the pattern (`refill ~`), or 0.
    var trailingGap: Int {
        if case .gap(let limit) = self.elements.last { return limit }
        return 0
    }

    /// The most words a match can span.
    var maximumLength: Int {
        self.elements.reduce(0) { total, element in
            switch element {
            case .word, .anyWord: return total + 1
            case .gap(let limit): return total + limit
            }
        }
    }

    /// Every place the pattern matches in `words`, as half-open word ranges, leftmost first; each start position
    /// gives at most one (the shortest) match.
    ///
    /// - Complexity: O(n·m) in the number of words and pattern elements for patterns without gaps.
    func matches(in words: [String]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for start in words.indices {
            if let end = self.match(words, element: 0, at: start), end > start {
                found.append(start..<end)
            }
        }
        return found
    }

    /// The first match, if any.
    func firstMatch(in words: [String]) -> Range<Int>? {
        for start in words.indices {
            if let end = self.match(words, element: 0, at: start), end > start { return start..<end }
        }
        return nil
    }

    private func match(_ words: [String], element: Int, at position: Int) -> Int? {
        guard element < self.elements.count else { return position }
        switch self.elements[element] {
        case .word(let choices, let isOptional):
            if position < words.count, choices.contains(words[position]),
                let end = self.match(words, element: element + 1, at: position + 1)
            {
                return end
            }
            return isOptional ? self.match(words, element: element + 1, at: position) : nil
        case .anyWord:
            guard position < words.count else { return nil }
            return self.match(words, element: element + 1, at: position + 1)
        case .gap(let limit):
            for skip in 0...limit where position + skip <= words.count {
                if let end = self.match(words, element: element + 1, at: position + skip) { return end }
            }
            return nil
        }
    }
}

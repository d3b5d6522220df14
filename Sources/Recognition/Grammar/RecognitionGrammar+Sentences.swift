extension RecognitionGrammar {
    /// Sentences the grammar accepts, drawn at random from its top rule: each alternative equally likely, each
    /// optional part taken half the time, a repeat (`+`, `*`) one to three times. The same seed gives the same
    /// sentences.
    ///
    /// For checking that every phrasing a grammar allows means what it should (the tests feed them to the
    /// understanding layer), and for building a language model of the same phrases to measure against it.
    ///
    /// - Parameter rule: the rule to expand instead of the top one (`"when"` for the time grammar without the
    ///   emergency phrases); an unknown name gives empty sentences.
    /// - Complexity: O(count · d) in the depth `d` of the rule expansion.
    public func sampleSentences(count: Int, seed: UInt64, rule: String? = nil) -> [[String]] {
        var generator = SeededGenerator(seed: seed)
        let table = Dictionary(self.rules.map { ($0.name, $0.alternatives) }, uniquingKeysWith: { first, _ in first })
        let body = rule.map { "<\($0)>" } ?? self.utterance
        var sentences: [[String]] = []
        for _ in 0..<count {
            var words: [String] = []
            var parser = Expansion(tokens: Self.tokens(body), table: table)
            parser.expandAlternatives(into: &words, generator: &generator, depth: 0)
            sentences.append(words)
        }
        return sentences
    }

    /// A body split into words, rule references and the JSGF operators `( ) [ ] | + *`; weights (`/10/`) are
    /// dropped, so sampling ignores them.
    static func tokens(_ body: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in body {
            if character == " " || "()[]|+*".contains(character) {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                if character != " " { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.filter { !($0.hasPrefix("/") && $0.hasSuffix("/")) }
    }

    /// A recursive-descent walk over one body's tokens that writes one random expansion.
    private struct Expansion {
        let tokens: [String]
        let table: [String: [String]]
        var position = 0

        init(tokens: [String], table: [String: [String]]) {
            self.tokens = tokens
            self.table = table
        }

        /// alternatives := sequence ('|' sequence)*; one sequence is chosen, the others are skipped.
        mutating func expandAlternatives(into words: inout [String], generator: inout SeededGenerator, depth: Int) {
            var branches: [Range<Int>] = []
            var start = self.position
            var nesting = 0
            while self.position < self.tokens.count {
                let token = self.tokens[self.position]
                if token == "(" || token == "[" { nesting += 1 }
                if token == ")" || token == "]" {
                    if nesting == 0 { break }
                    nesting -= 1
                }
                if token == "|" && nesting == 0 {
                    branches.append(start..<self.position)
                    start = self.position + 1
                }
                self.position += 1
            }
            branches.append(start..<self.position)
            let chosen = branches[Int(generator.next() % UInt64(branches.count))]
            var branch = Expansion(tokens: Array(self.tokens[chosen]), table: self.table)
            branch.expandSequence(into: &words, generator: &generator, depth: depth)
        }

        mutating func expandSequence(into words: inout [String], generator: inout SeededGenerator, depth: Int) {
            while self.position < self.tokens.count {
                let token = self.tokens[self.position]
                self.position += 1
                var repeats = 1
                if self.position < self.tokens.count, ["+", "*"].contains(self.tokens[self.position]) {
                    repeats = Int(generator.next() % 3) + (self.tokens[self.position] == "+" ? 1 : 0)
                    self.position += 1
                }
                switch token {
                case "(", "[":
                    let isOptional = token == "["
                    var inner = Expansion(tokens: Array(self.tokens[self.position...]), table: self.table)
                    var innerWords: [String] = []
                    inner.expandAlternatives(into: &innerWords, generator: &generator, depth: depth)
                    self.position += inner.position + 1
                    if self.position < self.tokens.count, ["+", "*"].contains(self.tokens[self.position]) {
                        repeats = Int(generator.next() % 3) + (self.tokens[self.position] == "+" ? 1 : 0)
                        self.position += 1
                    }
                    if !isOptional || generator.next() % 2 == 0 {
                        for _ in 0..<max(repeats, 1) { words += innerWords }
                    }
                case _ where token.hasPrefix("<"):
                    let name = String(token.dropFirst().dropLast())
                    guard depth < 32, let alternatives = self.table[name] else { continue }
                    for _ in 0..<repeats {
                        let body = alternatives[Int(generator.next() % UInt64(alternatives.count))]
                        var rule = Expansion(tokens: RecognitionGrammar.tokens(body), table: self.table)
                        rule.expandAlternatives(into: &words, generator: &generator, depth: depth + 1)
                    }
                default:
                    for _ in 0..<repeats { words.append(token) }
                }
            }
        }
    }
}

/// SplitMix64: a small deterministic generator, so that sampled sentences are the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var value = self.state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A JSGF grammar for one recognition context, built from phrase alternatives.
///
/// Every grammar also accepts the emergency phrases, so an urgent caller is heard whatever question was asked.
///
/// Not real-time safe: control thread only.
public struct RecognitionGrammar: Hashable, Sendable {
    /// The grammar's name, also pocketsphinx's search name.
    public let name: String

    /// Named rules: rule name → alternatives, each a sequence of words and `<rule>` references.
    public let rules: [(name: String, alternatives: [String])]

    /// The top rule's body, in JSGF.
    public let utterance: String

    public init(name: String, utterance: String, rules: [(name: String, alternatives: [String])]) {
        self.name = name
        self.utterance = utterance
        self.rules = rules
    }

    /// The grammar as JSGF text.
    public var jsgf: String {
        var lines = ["#JSGF V1.0;", "grammar \(self.name);", "public <utterance> = \(self.utterance);"]
        for rule in self.rules {
            lines.append("<\(rule.name)> = \(rule.alternatives.joined(separator: " | "));")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every word the grammar can produce (lower case, without rule references, JSGF operators and weights).
    public var words: Set<String> {
        var words: Set<String> = []
        let bodies = [self.utterance] + self.rules.flatMap(\.alternatives)
        for body in bodies {
            for token in body.split(whereSeparator: { " ()[]|*+".contains($0) })
            where !token.hasPrefix("<") && !token.hasPrefix("/") {
                words.insert(String(token))
            }
        }
        return words
    }

    public static func == (left: Self, right: Self) -> Bool { left.jsgf == right.jsgf }

    public func hash(into hasher: inout Hasher) { hasher.combine(self.jsgf) }
}

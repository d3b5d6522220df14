import Testing

@testable import Recognition

@Suite("Recognition grammars and dictionaries")
struct RecognitionGrammarTests {
    @Test("A grammar renders as JSGF with its top rule and named rules")
    func rendersJSGF() {
        let grammar = RecognitionGrammar(
            name: "test", utterance: "<answer> | <emergency>",
            rules: [("answer", ["yes please", "no"]), ("emergency", ["help"])])
        #expect(
            grammar.jsgf
                == "#JSGF V1.0;\ngrammar test;\npublic <utterance> = <answer> | <emergency>;\n"
                + "<answer> = yes please | no;\n<emergency> = help;\n")
        #expect(grammar.words == ["yes", "please", "no", "help"])
    }

    static let grammarContexts = RecognitionContext.allCases.filter { $0.grammar != nil }

    @Test("Every grammar context includes the emergency phrases", arguments: Self.grammarContexts)
    func everyContextHearsEmergencies(context: RecognitionContext) throws {
        let grammar = try #require(context.grammar)
        #expect(grammar.utterance.contains("<emergency>"))
        #expect(grammar.words.isSuperset(of: ["breathe", "emergency", "unconscious"]))
    }

    @Test("Every word of every grammar context has a pronunciation", arguments: Self.grammarContexts)
    func dictionaryCoversContexts(context: RecognitionContext) throws {
        let grammar = try #require(context.grammar)
        let lines = try PronunciationDictionary.lines(for: grammar.words, context: context.rawValue)
        #expect(lines.count >= grammar.words.count)
        for line in lines {
            let word = String(line.split(separator: " ")[0].split(separator: "(")[0])
            #expect(grammar.words.contains(word), "\(line)")
        }
    }

    @Test("A word the dictionary does not know is named in the error")
    func unknownWord() {
        #expect(throws: RecognitionError.unknownWords(["zzqx"], context: "test")) {
            try PronunciationDictionary.lines(for: ["yes", "zzqx"], context: "test")
        }
    }

    @Test("The same words give the same dictionary file, with only those words in it")
    func dictionaryFile() throws {
        let first = try PronunciationDictionary.file(for: ["yes", "no"], context: "test")
        let second = try PronunciationDictionary.file(for: ["no", "yes"], context: "test")
        #expect(first == second)
        let text = try String(contentsOfFile: first, encoding: .utf8)
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("yes") || $0.hasPrefix("no") })
    }
}

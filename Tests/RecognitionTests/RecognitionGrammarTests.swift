import Foundation
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

@Suite("Spoken text and the bigram language model")
struct SpokenTextTests {
    @Test("Written caller text becomes the words a recognizer produces")
    func spokenForms() {
        #expect(
            SpokenText.words("I need to see Dr. Lee at 11:45, um, on the 3rd?")
                == [
                    "i", "need", "to", "see", "doctor", "lee", "at", "eleven", "forty", "five", "um", "on", "the",
                    "third",
                ])
        #expect(
            SpokenText.words("call 5551234 after 4") == [
                "call", "five", "five", "five", "one", "two", "three", "four", "after", "four",
            ])
        #expect(SpokenText.words("9:05 or 120") == ["nine", "oh", "five", "or", "one", "hundred", "twenty"])
        #expect(SpokenText.words("the 21st or the 30th") == ["the", "twenty", "first", "or", "the", "thirtieth"])
        #expect(SpokenText.words("") == [])
    }

    @Test("Every history's bigram probabilities and back-off mass sum to one")
    func bigramModelIsNormalised() throws {
        let model = NGramLanguageModel(sentences: [["book", "an", "appointment"], ["book", "a", "visit"], ["cancel"]])
        #expect(model.words == ["book", "an", "appointment", "a", "visit", "cancel"])

        // Parse the ARPA text back and check P(·|book) over the whole vocabulary plus </s> sums to 1.
        var unigram: [String: (logProbability: Double, backoff: Double)] = [:]
        var bigram: [String: Double] = [:]
        var section = ""
        for line in model.arpa.split(separator: "\n") {
            if line.hasPrefix("\\") {
                section = String(line)
                continue
            }
            let fields = line.split(separator: " ").map(String.init)
            if section == "\\1-grams:", fields.count >= 2 {
                unigram[fields[1]] = (Double(fields[0])!, fields.count > 2 ? Double(fields[2])! : 0)
            } else if section == "\\2-grams:", fields.count == 3 {
                bigram["\(fields[1]) \(fields[2])"] = Double(fields[0])!
            }
        }
        let vocabulary = unigram.keys.filter { $0 != "<s>" }
        for history in ["<s>", "book", "an"] {
            let total = vocabulary.reduce(0.0) { sum, word in
                if let logProbability = bigram["\(history) \(word)"] {
                    return sum + pow(10, logProbability)
                }
                return sum + pow(10, unigram[history]!.backoff + unigram[word]!.logProbability)
            }
            #expect(abs(total - 1) < 1e-3, "P(·|\(history)) sums to \(total)")
        }
    }
}

import Foundation
import Testing

@testable import Recognition

@Suite("The name context with the common names, for callers who are not yet patients")
struct CommonNamesTests {
    static let names = ["Grant", "Patel", "Lee", "Maria Gonzalez", "John Smith", "Mary O'Brien"]

    @Test("The common-name lists are of the planned size, one word each and free of duplicates")
    func lists() {
        #expect((150...300).contains(CommonNames.given.count))
        #expect((200...400).contains(CommonNames.family.count))
        #expect(Set(CommonNames.given).count == CommonNames.given.count)
        #expect(Set(CommonNames.family).count == CommonNames.family.count)
        #expect(CommonNames.spokenGiven.count == CommonNames.given.count)
        #expect(CommonNames.spokenFamily.count == CommonNames.family.count)
        #expect(CommonNames.spokenFamily.contains("o'brien") && CommonNames.spokenFamily.contains("macdonald"))
    }

    @Test("With common names the grammar hears a common pair beside the known names, each name rule referenced once")
    func grammar() throws {
        let grammar = RecognitionContext.nameGrammar(names: Self.names, includesCommonNames: true)
        let rules = Dictionary(grammar.rules.map { ($0.name, $0.alternatives) }, uniquingKeysWith: { a, _ in a })
        let given = try #require(rules["given"])
        let family = try #require(rules["family"])
        #expect(given.contains("kevin") && family.contains("ward"))
        #expect(given.contains("maria") && family.contains("gonzalez") && family.contains("grant"))
        #expect(rules["person"] == ["[doctor | <given>] <family>", "<given>", "<full>", "[doctor] <known>"])

        // pocketsphinx copies a rule at every reference: the big rules are named once in all the bodies (<given>
        // twice: once before <family>, once alone).
        let bodies = [grammar.utterance] + grammar.rules.flatMap(\.alternatives)
        for (rule, count) in [("<given>", 2), ("<family>", 1), ("<full>", 1), ("<known>", 1), ("<person>", 1)] {
            let references = bodies.map { $0.components(separatedBy: rule).count - 1 }.reduce(0, +)
            #expect(references == count, "\(rule) referenced \(references) times")
        }

        // Known full names are weighted; the weight is no word.
        let weight = String(format: "%.0f", RecognitionContext.knownNameWeight)
        #expect(rules["full"]?.contains("/\(weight)/ maria gonzalez") == true)
        #expect(rules["known"] == ["grant", "lee", "patel"].map { "/\(weight)/ \($0)" })
        #expect(!grammar.words.contains(where: { $0.contains("/") }))
        #expect(grammar.words.isSuperset(of: ["kevin", "ward", "my", "doctor", "breathe"]))
        #expect(grammar.jsgf.contains("/\(weight)/ mary o'brien"))
        let sampled = grammar.sampleSentences(count: 200, seed: 7)
        #expect(sampled.allSatisfy { Set($0).isSubset(of: grammar.words) })
    }

    @Test("Without common names the grammar is as before")
    func unchangedWithout() {
        let plain = RecognitionContext.nameGrammar(names: Self.names)
        #expect(plain == RecognitionContext.nameGrammar(names: Self.names, includesCommonNames: false))
        #expect(plain == RecognitionContext.name.grammar(names: Self.names))
        #expect(!plain.words.contains("kevin"))
        #expect(!plain.jsgf.contains("/"))
    }

    @Test("Common names the dictionary lacks get guessed pronunciations, and the recognizer builds")
    func unknownWords() throws {
        let grammar = RecognitionContext.nameGrammar(names: Self.names, includesCommonNames: true)
        let missing = grammar.words.subtracting(try PronunciationDictionary.knownWords(in: grammar.words))
        #expect(missing.isSuperset(of: ["chinedu", "okonkwo", "zainab"]), "\(missing.sorted())")
        let lines = try PronunciationDictionary.lines(for: grammar.words, context: "name", isGuessingUnknown: true)
        let covered = Set(lines.compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(missing.isSubset(of: covered), "\(missing.subtracting(covered).sorted())")

        let recognizer = try Recognizer(context: .name, names: Self.names, includesCommonNames: true)
        #expect(recognizer.includesCommonNames && recognizer.names == Self.names)
        #expect(try !Recognizer(context: .digits, includesCommonNames: true).includesCommonNames)
    }

    @Test("New callers' names spoken by flite are heard with the common names, and known names still are")
    func newNamesOnSpeech() throws {
        let recognizer = try Recognizer(context: .name, names: Self.names, includesCommonNames: true)
        let newNames = [
            "my name is kevin ward", "it's laura bennett", "this is omar hussain", "my name is rachel kim",
            "gareth lloyd", "it's priya desai",
        ]
        // Measured: 5 of 6 on slt ("rachel kim" heard as "rachel chan").
        #expect(try RecognitionContextSpeechTests.correctCount(newNames, recognizer: recognizer) >= 4)
        let known = ["my name is john smith", "it's mary o'brien", "doctor patel", "maria gonzalez"]
        // Measured: 4 of 4 on slt.
        #expect(try RecognitionContextSpeechTests.correctCount(known, recognizer: recognizer) >= 3)
        // The emergency phrases are still heard beside 500 names (measured: confidence 0.92).
        let urgent = try recognizer.recognize(try RecognitionAudio.spoken("i can't breathe"))
        #expect(urgent.text == "i can't breathe" && !urgent.isRejected)
    }

    @Test("The pool lends name recognizers with and without the common names, kept apart")
    func pool() async throws {
        let pool = RecognizerPool(capacity: 2, names: Self.names)
        let common = try await pool.borrow(.name, includesCommonNames: true)
        #expect(common.recognizer.includesCommonNames)
        common.giveBack()
        let plain = try await pool.borrow(.name)
        #expect(!plain.recognizer.includesCommonNames)
        plain.giveBack()
        #expect(pool.counts == .init(idle: 2, borrowed: 0, created: 2))
        try await pool.withRecognizer(for: .name, includesCommonNames: true) { #expect($0.includesCommonNames) }
        #expect(pool.counts.created == 2)
        pool.updateNames(Self.names + ["Kevin Ward"])
        #expect(pool.counts.idle == 0)
    }
}

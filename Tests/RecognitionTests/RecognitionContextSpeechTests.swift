import Foundation
import Testing

@testable import Recognition

@Suite("The time, date-of-birth and name contexts on speech")
struct RecognitionContextSpeechTests {
    static let names = [
        "Grant", "Patel", "Lee", "Maria Gonzalez", "John Smith", "Mary O'Brien", "Aoife Nguyen", "Ravi Shankar",
        "Chen Wei", "Dmitri Petrov",
    ]

    /// How many of `phrases`, spoken by flite's slt voice, come back word for word.
    static func correctCount(_ phrases: [String], recognizer: Recognizer) throws -> Int {
        var correct = 0
        for phrase in phrases {
            let result = try recognizer.recognize(try RecognitionAudio.spoken(phrase))
            if result.text == SpokenText.words(phrase).joined(separator: " ") { correct += 1 }
        }
        return correct
    }

    @Test("Time phrases spoken by flite are recognized")
    func timePhrases() throws {
        let phrases = [
            "next tuesday morning", "tomorrow afternoon", "the fifteenth at three thirty", "monday the third of march",
            "as soon as possible", "any time next week", "half past two", "quarter to four", "after lunch",
            "a week on thursday",
        ]
        // Measured: 10 of 10 on slt.
        #expect(try Self.correctCount(phrases, recognizer: Recognizer(context: .time)) >= 9)
    }

    @Test("Dates of birth spoken by flite are recognized")
    func datesOfBirth() throws {
        let phrases = [
            "the fourth of july nineteen eighty two", "twelfth of march two thousand and five",
            "oh three oh four eighty one", "march third sixty five", "june the tenth nineteen seventy",
            "my date of birth is the first of may nineteen ninety",
        ]
        // Measured: 6 of 6 on slt.
        #expect(try Self.correctCount(phrases, recognizer: Recognizer(context: .dateOfBirth)) >= 5)
    }

    @Test("Names spoken by flite are recognized, with a list given at run time")
    func names() throws {
        let phrases = [
            "doctor patel", "doctor grant", "my name is john smith", "it's mary o'brien", "maria gonzalez",
            "this is ravi shankar",
        ]
        // Measured: 6 of 6 on slt.
        #expect(try Self.correctCount(phrases, recognizer: Recognizer(context: .name, names: Self.names)) >= 5)
    }

    @Test(
        "Empty and silent turns are rejected in the new contexts, never a crash",
        arguments: [
            RecognitionContext.time, .dateOfBirth, .name,
        ])
    func emptyAndSilent(context: RecognitionContext) throws {
        let recognizer = try Recognizer(context: context)
        let empty = try recognizer.recognize([])
        #expect(empty.isRejected && empty.text.isEmpty)
        let silent = try recognizer.recognize([Int16](repeating: 0, count: 32000))
        #expect(silent.isRejected, "heard '\(silent.text)'")
    }

    @Test("A two-minute monologue in the time context is rejected, never a crash")
    func longMonologue() throws {
        let sentence =
            "Well, let me tell you about my garden. The roses came up early this year and the tomatoes are "
            + "doing wonderfully, although the slugs have been a real nuisance since the rain started. "
        var audio: [Int16] = []
        let piece = try RecognitionAudio.spoken(sentence)
        while audio.count < 120 * Recognizer.sampleRate { audio += piece }
        let result = try Recognizer(context: .time).recognize(audio)
        #expect(result.audioSeconds >= 120)
        #expect(
            result.isRejected || result.text.isEmpty,
            "heard '\(result.text)' at \(result.confidence ?? -1), margin \(result.acousticMargin ?? 0)")
    }
}

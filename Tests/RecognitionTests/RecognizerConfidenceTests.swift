import AttendantTestSupport
import Foundation
import Testing

@testable import Recognition

@Suite("Recognizer confidence and rejection")
struct RecognizerConfidenceTests {
    @Test("In-context flite speech gets a high confidence and is accepted")
    func inContextAccepted() throws {
        for (context, text) in [
            (RecognitionContext.digits, "five five five one two three four"), (.yesNo, "yes please"),
            (.yesNo, "no thank you"), (.intent, "I need to see doctor Patel sometime on Tuesday"),
        ] {
            let result = try Recognizer(context: context).recognize(try RecognitionAudio.spoken(text))
            let confidence = try #require(result.confidence, "\(context): '\(text)'")
            // Fixed flite speech decodes deterministically; the lowest of these was 0.61 when the logistic was fitted.
            #expect(confidence >= 0.6, "\(context): '\(text)' heard as '\(result.text)'")
            #expect(!result.isRejected, "\(context): '\(text)' heard as '\(result.text)'")
        }
    }

    @Test("Out-of-context speech is rejected rather than heard as a phrase of the grammar")
    func outOfContextRejected() throws {
        // The real recording that the yesNo context used to hear as "overdose", an emergency phrase.
        let recording = try RecognitionAudio.corpus("asr_pocketsphinx/goforward.wav")
        let yesNo = try Recognizer(context: .yesNo).recognize(recording)
        #expect(yesNo.isRejected, "heard '\(yesNo.text)' with confidence \(yesNo.confidence ?? -1)")
    }

    @Test("Confidence stays within 0 … 1 in every context that measures one, and open measures none")
    func confidenceRange() throws {
        let audio = try RecognitionAudio.spoken("the weather is lovely today")
        for context in RecognitionContext.allCases {
            let result = try Recognizer(context: context).recognize(audio)
            if context == .open {
                #expect(result.confidence == nil)
                #expect(!result.isRejected)
            } else {
                let confidence = try #require(result.confidence, "\(context)")
                #expect((0...1).contains(confidence), "\(context)")
            }
        }
        #expect(RecognitionContext.digits.confidence(margin: -1e9) == 0)
        #expect(RecognitionContext.digits.confidence(margin: 1e9) == 1)
    }

    @Test("Empty and silent turns are rejected, never a crash")
    func emptyAndSilentRejected() throws {
        for context in [RecognitionContext.digits, .yesNo, .intent] {
            let recognizer = try Recognizer(context: context)
            let empty = try recognizer.recognize([])
            #expect(empty.isRejected, "\(context)")
            #expect(empty.confidence == 0, "\(context)")
            let silent = try recognizer.recognize([Int16](repeating: 0, count: 16000))
            #expect(silent.isRejected, "\(context): heard '\(silent.text)'")
        }
    }

    @Test("The rejection threshold is the recognizer's to set")
    func threshold() throws {
        let recognizer = try Recognizer(context: .yesNo)
        recognizer.rejectionThreshold = 0
        let audio = try RecognitionAudio.spoken("yes")
        #expect(!(try recognizer.recognize(audio)).isRejected)
        recognizer.rejectionThreshold = 1.01
        #expect(try recognizer.recognize(audio).isRejected)
    }
}

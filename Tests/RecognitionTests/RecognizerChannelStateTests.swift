import Foundation
import Testing

@testable import Recognition

/// What a recognizer learns of the line it hears (pocketsphinx's live cepstral mean), and how a pool keeps one
/// caller's from the next.
@Suite("Recognizer channel state") struct RecognizerChannelStateTests {
    /// Two seconds of loud, low-pitched buzz: a line far from the model's initial mean.
    static func buzz() -> [Int16] {
        (0..<32_000).map { index in
            let phase = Double(index) * 2 * Double.pi * 120 / 16_000
            return Int16(12_000 * sin(phase) + 6_000 * sin(3 * phase))
        }
    }

    @Test("A turn moves the cepstral mean; a reset puts back the mean the recognizer was made with")
    func turnMovesAndResetRestores() throws {
        let recognizer = try Recognizer(context: .yesNo)
        let made = recognizer.channelState
        #expect(!made.decoderMean.isEmpty)

        try recognizer.startTurn()
        try Self.buzz().withUnsafeBufferPointer { try recognizer.process($0) }
        _ = try recognizer.finishTurn()
        let heard = recognizer.channelState
        #expect(heard != made, "the turn taught the decoder nothing of its line")

        recognizer.reset()
        #expect(recognizer.channelState == made)
        recognizer.channelState = heard
        #expect(recognizer.channelState == heard)
    }

    @Test("A recognizer given back to the pool reaches the next borrower with the mean it was made with")
    func poolLendsFreshChannel() async throws {
        let pool = RecognizerPool(capacity: 1)
        let first = try await pool.borrow(.digits)
        let made = first.recognizer.channelState
        try first.recognizer.startTurn()
        try Self.buzz().withUnsafeBufferPointer { try first.recognizer.process($0) }
        _ = try first.recognizer.finishTurn()
        #expect(first.recognizer.channelState != made)
        first.giveBack()

        let second = try await pool.borrow(.digits)
        defer { second.giveBack() }
        #expect(second.recognizer === first.recognizer)
        #expect(second.recognizer.channelState == made)
    }
}

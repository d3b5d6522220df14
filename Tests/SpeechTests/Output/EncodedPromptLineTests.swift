import Codecs
import Foundation
import Testing

@testable import Speech

/// Prompts encoded for a line and decoded again: what a caller's phone plays.
@Suite("Encoded prompt on a line")
struct EncodedPromptLineTests {
    static let tone: [Int16] = (0..<PromptSynthesizer.sampleRate / 2).map {
        Int16(8000 * sin(2 * Double.pi * 1000 * Double($0) / Double(PromptSynthesizer.sampleRate)))
    }

    /// The largest normalized correlation of `decoded` with `tone` delayed by 0…400 frames.
    static func correlation(_ decoded: [Int16]) -> Double {
        var best = -1.0
        for lag in 0...400 {
            var product = 0.0
            var energies = (0.0, 0.0)
            for index in 2000..<(tone.count - 400) {
                let x = Double(tone[index])
                let y = Double(decoded[index + lag])
                product += x * y
                energies.0 += x * x
                energies.1 += y * y
            }
            best = max(best, product / max(1e-9, (energies.0 * energies.1).squareRoot()))
        }
        return best
    }

    @Test(
        "every codec's prompt decodes to the length it was made with, sounding as it did",
        arguments: [PromptCodec.pcm16, .g711(.muLaw), .g711(.aLaw), .opus(OpusEncoder.Configuration())])
    func roundTrip(codec: PromptCodec) throws {
        let decoded = try EncodedPrompt.encoding(Self.tone, as: codec).decodedSamples()
        #expect(decoded.count == Self.tone.count)
        #expect(Self.correlation(decoded) > 0.95)
        if codec == .pcm16 { #expect(decoded == Self.tone) }
    }

    @Test("a payload that does not match its codec, or a garbage Opus packet, is a decoding error, not a crash")
    func badPayload() {
        let opus = PromptCodec.opus(OpusEncoder.Configuration())
        let mismatched = EncodedPrompt(codec: opus, frameCount: 10, payload: .bytes([1, 2]))
        #expect(throws: PromptCacheError.self) { try mismatched.decodedSamples() }
        let garbage = EncodedPrompt(codec: opus, frameCount: 320, payload: .packets([[0xFF, 0xFF, 0xFF, 0xFF]]))
        #expect(throws: PromptCacheError.self) { try garbage.decodedSamples() }
    }
}

import Foundation
import Testing

@testable import Voice

/// Call-progress tones on a line with no signalling: what ends a call when the caller has hung up.
@Suite("Tone detection") struct ToneDetectorTests {
    /// `frequencies` summed at `amplitude` each, on for `on` seconds and off for `off` (0: steady), for `seconds`.
    static func tone(
        _ frequencies: [Double], amplitude: Float = 0.1, on: Double = 1, off: Double = 0, seconds: Double,
        sampleRate: Int
    ) -> [Float] {
        (0..<Int(seconds * Double(sampleRate))).map { index in
            let time = Double(index) / Double(sampleRate)
            guard off == 0 || time.truncatingRemainder(dividingBy: on + off) < on else { return 0 }
            return frequencies.reduce(Float(0)) { $0 + amplitude * Float(sin(2 * Double.pi * $1 * time)) }
        }
    }

    /// The block index (10 ms each) at which the detector first names a tone, and the tone.
    static func firstHeard(_ samples: [Float], sampleRate: Int) -> (block: Int, tone: LineTone)? {
        let detector = ToneDetector(sampleRate: sampleRate)
        let blockFrameCount = sampleRate / 100
        for block in 0..<samples.count / blockFrameCount {
            let heard = samples.withUnsafeBufferPointer {
                detector.process(
                    UnsafeBufferPointer(rebasing: $0[block * blockFrameCount..<(block + 1) * blockFrameCount]))
            }
            if let heard { return (block, heard) }
        }
        return nil
    }

    @Test(
        "A dial tone, a busy tone and a 425 Hz tone are each named after 1.5 s, at 8 and 16 kHz",
        arguments: [8000, 16000])
    func tonesAreNamed(sampleRate: Int) throws {
        let cases: [(LineTone, [Float])] = [
            (.dial, Self.tone([350, 440], seconds: 3, sampleRate: sampleRate)),
            (.busy, Self.tone([480, 620], on: 0.5, off: 0.5, seconds: 3, sampleRate: sampleRate)),
            (.single425, Self.tone([425], amplitude: 0.2, on: 0.2, off: 0.2, seconds: 3, sampleRate: sampleRate)),
        ]
        for (tone, samples) in cases {
            let heard = try #require(Self.firstHeard(samples, sampleRate: sampleRate), "\(tone) not heard")
            #expect(heard.tone == tone)
            // Not before it has lasted 1.5 s, and soon after.
            #expect((145...200).contains(heard.block), "\(tone) heard at block \(heard.block)")
        }
    }

    @Test("A quiet tone under -50 dBFS, silence, and white noise are not tones")
    func nonTonesAreIgnored() {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<48_000).map { _ in Float.random(in: -0.1...0.1, using: &generator) }
        #expect(Self.firstHeard(noise, sampleRate: 16000) == nil)
        #expect(Self.firstHeard([Float](repeating: 0, count: 48_000), sampleRate: 16000) == nil)
        #expect(
            Self.firstHeard(Self.tone([350, 440], amplitude: 0.001, seconds: 3, sampleRate: 16000), sampleRate: 16000)
                == nil)
    }

    @Test("Real speech is never heard as a tone (vad_concat, both tracks, 8 and 16 kHz)", arguments: [8000, 16000])
    func speechIsNotATone(sampleRate: Int) throws {
        for track in [1, 2] {
            let samples = try BargeInScenario.track(track, sampleRate: sampleRate)
            #expect(Self.firstHeard(samples, sampleRate: sampleRate) == nil, "track \(track)")
        }
    }

    @Test("After reset a new call starts unheard")
    func resetForgets() {
        let detector = ToneDetector(sampleRate: 16000)
        let samples = Self.tone([350, 440], seconds: 1.4, sampleRate: 16000)
        samples.withUnsafeBufferPointer { buffer in
            for block in 0..<140 {
                _ = detector.process(UnsafeBufferPointer(rebasing: buffer[block * 160..<(block + 1) * 160]))
            }
        }
        detector.reset()
        var heard: LineTone?
        samples.withUnsafeBufferPointer { buffer in
            for block in 0..<140 {
                heard =
                    heard ?? detector.process(UnsafeBufferPointer(rebasing: buffer[block * 160..<(block + 1) * 160]))
            }
        }
        #expect(heard == nil)
    }
}

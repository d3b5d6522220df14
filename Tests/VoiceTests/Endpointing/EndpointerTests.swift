import Foundation
import Testing

@testable import Voice

/// The endpointer on constructed voice-activity sequences (10 ms blocks at 16 kHz), and once on a constructed
/// audio signal through the real detector.
@Suite("Endpointer")
struct EndpointerTests {
    static let blockFrameCount = 160

    /// Runs `pattern` (`true` = speech block) through an endpointer and returns its events.
    static func events(_ pattern: [Bool], configuration: EndpointerConfiguration = .init()) -> [TurnEvent] {
        var endpointer = Endpointer(configuration: configuration, sampleRate: 16000)
        return pattern.enumerated().compactMap { block, isSpeech in
            endpointer.process(
                isSpeech: isSpeech, sampleTime: Int64(block * Self.blockFrameCount), frameCount: Self.blockFrameCount)
        }
    }

    /// `count` blocks of speech or not.
    static func blocks(_ isSpeech: Bool, _ count: Int) -> [Bool] { [Bool](repeating: isSpeech, count: count) }

    @Test("A pause shorter than the trailing silence keeps the turn")
    func shortPauseKeepsTurn() {
        let pattern =
            Self.blocks(false, 10) + Self.blocks(true, 50) + Self.blocks(false, 14) + Self.blocks(true, 50)
            + Self.blocks(false, 30)
        let events = Self.events(pattern)
        #expect(events.count == 2)
        #expect(events.first == .speechStarted(startSampleTime: 1600, detectedSampleTime: 1600 + 10 * 160))
        #expect(events.last == .speechEnded(endSampleTime: 124 * 160, detectedSampleTime: 139 * 160, reason: .silence))
    }

    @Test("A pause as long as the trailing silence ends the turn, and speech after it starts a new one")
    func longPauseEndsTurn() {
        let pattern = Self.blocks(true, 50) + Self.blocks(false, 15) + Self.blocks(true, 50) + Self.blocks(false, 15)
        let events = Self.events(pattern)
        #expect(events.count == 4)
        #expect(events[1] == .speechEnded(endSampleTime: 50 * 160, detectedSampleTime: 65 * 160, reason: .silence))
        #expect(events[2] == .speechStarted(startSampleTime: 65 * 160, detectedSampleTime: 75 * 160))
    }

    @Test("A longer trailing silence set mid-turn keeps a pause that the default would end; the default comes back")
    func longerTrailingSilence() {
        var endpointer = Endpointer(sampleRate: 16000)
        let pattern = Self.blocks(true, 50) + Self.blocks(false, 40) + Self.blocks(true, 50) + Self.blocks(false, 80)
        var events: [TurnEvent] = []
        for (block, isSpeech) in pattern.enumerated() {
            if block == 20 { endpointer.setTrailingSilence(.milliseconds(800)) }
            let time = Int64(block * Self.blockFrameCount)
            if let event = endpointer.process(isSpeech: isSpeech, sampleTime: time, frameCount: Self.blockFrameCount) {
                events.append(event)
            }
        }
        #expect(endpointer.trailingSilence == .milliseconds(800))
        #expect(events.count == 2, "the 400 ms pause stays inside the turn")
        #expect(events.last == .speechEnded(endSampleTime: 140 * 160, detectedSampleTime: 220 * 160, reason: .silence))

        endpointer.setTrailingSilence(endpointer.configuration.trailingSilence)
        #expect(endpointer.trailingSilence == endpointer.configuration.trailingSilence)
    }

    @Test("The maximum turn length forces an end while speech goes on")
    func maximumLength() {
        let configuration = EndpointerConfiguration(maximumTurn: .seconds(2))
        let events = Self.events(Self.blocks(true, 450), configuration: configuration)
        let ends = events.filter { if case .speechEnded(_, _, .maximumLength) = $0 { true } else { false } }
        #expect(ends.count == 2)
        #expect(ends.first?.detectedSampleTime == Int64(200 * 160))
        #expect(events.count == 5)
    }

    @Test("Bursts shorter than the minimum speech (clicks) start no turn")
    func clicksRejected() {
        var pattern: [Bool] = []
        for _ in 0..<20 { pattern += Self.blocks(true, 9) + Self.blocks(false, 3) }
        #expect(Self.events(pattern).isEmpty)
        #expect(Self.events(pattern + Self.blocks(true, 10)).count == 1)
    }

    @Test("Through the detector: harmonic bursts in noise with a 100 ms gap are one turn; a 1 s gap makes two")
    func constructedSignal() throws {
        var generator = SeededGenerator(seed: 7)
        let rate = 16000
        func voiced(_ seconds: Double) -> [Float] {
            (0..<Int(seconds * Double(rate))).map { index in
                let t = Float(index) / Float(rate)
                let f0: Float = 140 + 20 * sinf(2 * .pi * 3 * t)
                return (1...12).reduce(Float(0)) { sum, harmonic in
                    sum + 0.08 / Float(harmonic).squareRoot() * sinf(2 * .pi * f0 * Float(harmonic) * t)
                }
            }
        }
        func silence(_ seconds: Double) -> [Float] { [Float](repeating: 0, count: Int(seconds * Double(rate))) }
        var signal = silence(1) + voiced(0.8) + silence(0.1) + voiced(0.8) + silence(1) + voiced(0.8) + silence(1)
        for index in signal.indices { signal[index] += 0.003 * Float.random(in: -1...1, using: &generator) }

        let detector = try VoiceActivityDetector(sampleRate: rate)
        var endpointer = Endpointer(sampleRate: rate)
        var events: [TurnEvent] = []
        signal.withUnsafeBufferPointer { buffer in
            for block in 0..<buffer.count / 160 {
                let activity = detector.process(buffer, from: block * 160)
                if let event = endpointer.process(activity, sampleTime: Int64(block * 160), frameCount: 160) {
                    events.append(event)
                }
            }
        }
        #expect(events.count == 4, "\(events.map { "\($0)" })")
        guard events.count == 4, case .speechEnded(let end, let detected, .silence) = events[1] else { return }
        // The first turn ends after the second burst (2.7 s). In this steady noise the fitted detector's probability
        // stays above its silence threshold, so the whole 180 ms hangover runs before the 150 ms trailing silence:
        // the speech end comes within 200 ms of the burst's and the turn end within 350 ms (the prototype's constants
        // cut the hangover here and gave 20 ms and 170 ms). The issue's 300 ms is a median over vad_concat, which
        // `attendant eval vad` reports (206 ms).
        #expect(abs(Double(end) / Double(rate) - 2.7) < 0.2)
        #expect(Double(detected) / Double(rate) - 2.7 < 0.35)
    }
}

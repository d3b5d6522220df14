import AudioCore
import Foundation
import Speech
import Testing

@testable import Spotting

/// The shipped urgent head, streaming through `SpotterNode` as a call's audio would: it fires on urgent speech
/// from a voice it was never trained on, before the end of the turn + 200 ms (the bar; the endpointer
/// cannot end a turn sooner than its 150 ms of trailing silence after the speech), and stays quiet on look-alike
/// sentences, silence and noise. `attendant eval kws` measures it on the whole held-out sets.
@Suite("Urgent spotter head")
struct UrgentHeadTests {
    static let urgent = [
        "my husband can't breathe",
        "I think my mother is having a stroke",
        "he took too many pills",
        "there's a lot of blood and it won't stop bleeding",
    ]
    static let lookAlikes = [
        "I'm calling about my chest x-ray results",
        "can I book a blood test for next week",
        "I need a repeat prescription for my inhaler",
        "my dad had a stroke last year and needs a check up",
    ]

    /// `text` from flite's awb voice (held out from training), after 1 s and before 0.6 s of quiet, as floats.
    static func spoken(_ text: String) throws -> (samples: [Float], speechEnd: Double) {
        let voice = try #require(FliteLibrary.register(.awb))
        let wave = try #require(FliteLibrary.synthesize(text, voice: voice))
        try #require(wave.sampleRate == 16000)
        let padded = UtteranceEmbedding().padded(wave.samples)
        return (padded.map { Float($0) / 32768 }, 1.0 + Double(wave.samples.count) / 16000)
    }

    /// The node's firings over `samples`, fed in 10 ms blocks.
    static func firings(_ samples: [Float], node: SpotterNode) throws -> [SpotterFiring] {
        let format = try AudioFormat(sampleRate: 16000, channelCount: 1)
        try node.prepare(format: format, maximumFrameCount: 160)
        var output = [Float](repeating: 0, count: 160)
        for start in stride(from: 0, to: samples.count - 159, by: 160) {
            samples[start..<start + 160].withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { sink in
                    node.process(
                        input, into: sink,
                        context: AudioProcessContext(format: format, frameCount: 160, sampleTime: Int64(start)))
                }
            }
            #expect(output[...] == samples[start..<start + 160], "the tap passes the audio through")
        }
        return node.firings.drain()
    }

    static func node() throws -> SpotterNode {
        SpotterNode(
            embedder: SpeechEmbedder(weights: try SpottingFixtures.weights()), head: try SpotterHead.load(.urgent))
    }

    @Test("The shipped urgent head is a streaming head over 16 stacked windows, 'other' and eleven emergencies")
    func shippedHead() throws {
        let head = try SpotterHead.load(.urgent)
        #expect(head.pooling == .stacked && head.contextWindowCount == 16 && head.hiddenCount > 0)
        #expect(head.classes.count == 12 && head.classes.first == "other")
        #expect(head.classes.contains("breathing") && head.classes.contains("chestPain"))
        let threshold = try #require(head.threshold)
        #expect(threshold > 0.5 && threshold < 1)
    }

    /// Measured: 3 of the 4 urgent sentences, none of the look-alikes (the head misses many held-out sentences at
    /// its threshold; README gives the whole sets). The floor is 3.
    @Test("Urgent sentences from a held-out voice fire by the end of the turn + 200 ms; look-alikes do not")
    func urgentAndLookAlikes() throws {
        let node = try Self.node()
        var misses: [String] = []
        for text in Self.urgent {
            let (samples, speechEnd) = try Self.spoken(text)
            let endOfTurn = speechEnd + 0.15
            guard let first = try Self.firings(samples, node: node).first, first.seconds <= endOfTurn + 0.2 else {
                misses.append(text)
                continue
            }
        }
        #expect(misses.count <= 1, "missed or late: \(misses)")
        for text in Self.lookAlikes {
            let (samples, _) = try Self.spoken(text)
            #expect(try Self.firings(samples, node: node).isEmpty, "'\(text)' fired")
        }
    }

    @Test("Silence and steady noise raise nothing, and the node refuses 8 kHz")
    func silenceAndNoise() throws {
        let node = try Self.node()
        #expect(try Self.firings([Float](repeating: 0, count: 48000), node: node).isEmpty)
        var random = SeededRandomNumberGenerator(seed: 3)
        let noise = (0..<48000).map { _ in Float.random(in: -0.1...0.1, using: &random) }
        #expect(try Self.firings(noise, node: node).isEmpty)
        #expect(node.firings.droppedCount == 0)
        #expect(throws: AudioGraphError.self) {
            try node.prepare(format: try AudioFormat(sampleRate: 8000, channelCount: 1), maximumFrameCount: 80)
        }
    }
}

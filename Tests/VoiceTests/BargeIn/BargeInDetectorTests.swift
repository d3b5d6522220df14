import Foundation
import Testing
import Voice

/// Barge-in on constructed calls: the agent's prompt (real speech from `concat1`) and its echo through a delay
/// and gain, with or without a caller (real speech from `concat2`) talking over it, through a `headset`
/// processor at 16 kHz.
@Suite("Barge-in detector")
struct BargeInDetectorTests {
    static let echoPaths: [(delayMilliseconds: Int, gain: Float)] = [(60, 0.5), (30, 0.3), (150, 0.7), (30, 0.9)]

    func run(_ scenario: BargeInScenario) throws -> [(raisedFrame: Int, onsetFrame: Int)] {
        let processor = try VoiceProcessor(profile: .headset, sampleRate: BargeInScenario.sampleRate)
        var detector = try BargeInDetector(sampleRate: BargeInScenario.sampleRate)
        return scenario.run(processor: processor, detector: &detector)
    }

    /// Latency is from the labelled onset (`concat2`'s labels, whose first 50 to 150 ms are often 20 dB or more
    /// below the echo) to the end of the block that raised the event. Measured over these 32 calls: median 30 ms,
    /// worst 100 ms; the reported onset 0 to 80 ms after the label.
    @Test("a caller talking over the agent raises one barge-in, every call at most 100 ms after the onset")
    func callerOnset() throws {
        var latencies: [Double] = []
        for path in Self.echoPaths {
            for utterance in [1, 3, 5, 8] {
                for onsetSeconds in [2.5, 11.0] {
                    let scenario = try BargeInScenario.make(
                        echoDelayMilliseconds: path.delayMilliseconds, echoGain: path.gain,
                        caller: BargeInScenario.callerSpeech(utterance: utterance), callerOnsetSeconds: onsetSeconds)
                    let events = try self.run(scenario)
                    let onset = try #require(scenario.callerOnsetFrame)
                    let context = "path \(path), utterance \(utterance), onset \(onsetSeconds) s: \(events)"
                    try #require(events.count == 1, "\(context)")
                    let latency = Double(events[0].raisedFrame - onset) * 1000 / Double(BargeInScenario.sampleRate)
                    let onsetError = Double(events[0].onsetFrame - onset) * 1000 / Double(BargeInScenario.sampleRate)
                    #expect((0...100).contains(latency), "\(context): \(latency) ms")
                    #expect((-10...90).contains(onsetError), "\(context): onset off by \(onsetError) ms")
                    latencies.append(latency)
                }
            }
        }
        latencies.sort()
        #expect(latencies[latencies.count / 2] <= 50, "median of \(latencies)")
    }

    @Test("the agent's echo alone raises no barge-in", arguments: [0, 1, 2, 3])
    func echoAlone(pathIndex: Int) throws {
        let path = Self.echoPaths[pathIndex]
        let scenario = try BargeInScenario.make(
            echoDelayMilliseconds: path.delayMilliseconds, echoGain: path.gain, caller: nil, callerOnsetSeconds: 0)
        let events = try self.run(scenario)
        #expect(events.isEmpty, "\(path): \(events.map { Double($0.raisedFrame) / 16000 }) s")
    }

    /// Paths whose delay the finder takes longest to settle on: it used to adopt a wrong lag first, and on the
    /// 200 ms path the agent's own voice raised a barge-in at 0.65 s that way.
    @Test("a long echo path with no device delay known raises no barge-in", arguments: [(200, 0.5), (300, 0.5)])
    func longEchoPath(delayMilliseconds: Int, gain: Float) throws {
        let scenario = try BargeInScenario.make(
            echoDelayMilliseconds: delayMilliseconds, echoGain: gain, caller: nil, callerOnsetSeconds: 0)
        let events = try self.run(scenario)
        #expect(events.isEmpty, "\(events.map { Double($0.raisedFrame) / 16000 }) s")
    }

    /// Callers who start 0.5 or 1 s into the prompt, while the delay is still being found or the filter has not yet
    /// been confirmed, are judged against the band-by-band bound on the echo and must stand above every lag's term
    /// in some band. Measured over these 40 calls: at 0.5 s median 80 ms, worst 160 ms; at 1 s median 20 ms, worst
    /// 70 ms (before the bound's rise limit, 3 dB trust margin, lag-by-lag test and bounded delay search: median 90
    /// and 30 ms, worst 250 and 80 ms; with the bound on the echo's total power: 150 and 30 ms, 330 and 130 ms).
    @Test("a caller who starts in the first second of the prompt raises one barge-in, at most 200 ms late")
    func earlyCaller() throws {
        var latencies: [Double: [Double]] = [:]
        for path in Self.echoPaths + [(200, 0.5)] {
            for utterance in [1, 3, 5, 8] {
                for onsetSeconds in [0.5, 1.0] {
                    let scenario = try BargeInScenario.make(
                        echoDelayMilliseconds: path.delayMilliseconds, echoGain: path.gain,
                        caller: BargeInScenario.callerSpeech(utterance: utterance), callerOnsetSeconds: onsetSeconds)
                    var detector = try BargeInDetector(sampleRate: BargeInScenario.sampleRate)
                    let events = scenario.run(processor: nil, detector: &detector)
                    let onset = try #require(scenario.callerOnsetFrame)
                    let context = "path \(path), utterance \(utterance), onset \(onsetSeconds) s: \(events)"
                    try #require(events.count == 1, "\(context)")
                    let latency = Double(events[0].raisedFrame - onset) * 1000 / Double(BargeInScenario.sampleRate)
                    #expect((0...(onsetSeconds < 1 ? 200 : 80)).contains(latency), "\(context): \(latency) ms")
                    latencies[onsetSeconds, default: []].append(latency)
                }
            }
        }
        for (onsetSeconds, values) in latencies {
            #expect(values.sorted()[values.count / 2] <= (onsetSeconds < 1 ? 80 : 30), "\(onsetSeconds) s: \(values)")
        }
    }

    /// On this path the filter, confirmed, used to lose most of its cancellation on a new word after a gap (frozen
    /// as if the caller spoke, it stayed wrong), and the agent's echo alone raised a barge-in at 1.8 s (16 kHz) and
    /// 1.5 s (8 kHz).
    @Test("a loud echo path whose filter meets new sounds after a gap raises no barge-in", arguments: [16000, 8000])
    func newSoundsAfterGap(sampleRate: Int) throws {
        let scenario = try BargeInScenario.make(
            echoDelayMilliseconds: 123, echoGain: 0.9, caller: nil, callerOnsetSeconds: 0, sampleRate: sampleRate)
        var detector = try BargeInDetector(sampleRate: sampleRate)
        let events = scenario.run(processor: nil, detector: &detector)
        #expect(events.isEmpty, "\(events.map { Double($0.raisedFrame) / Double(sampleRate) }) s")
    }

    @Test("with the device's delay known, the 200 ms path raises nothing and a caller is found")
    func seededDelay() throws {
        var configuration = BargeInDetector<VoiceActivityClassifier>.Configuration()
        configuration.knownEchoDelayMilliseconds = 200
        for caller in [nil, 3] {
            let scenario = try BargeInScenario.make(
                echoDelayMilliseconds: 200, echoGain: 0.5,
                caller: try caller.map { try BargeInScenario.callerSpeech(utterance: $0) }, callerOnsetSeconds: 2.5)
            var detector = try BargeInDetector(sampleRate: BargeInScenario.sampleRate, configuration: configuration)
            let events = scenario.run(processor: nil, detector: &detector)
            if let onset = scenario.callerOnsetFrame {
                try #require(events.count == 1, "\(events)")
                #expect((0...1600).contains(events[0].raisedFrame - onset), "\(events)")
            } else {
                #expect(events.isEmpty, "\(events.map { Double($0.raisedFrame) / 16000 }) s")
            }
        }
    }

    @Test("silence raises nothing, and neither does a caller talking while the agent is silent")
    func silence() throws {
        let frameCount = 160
        let silent = [Float](repeating: 0, count: frameCount)
        var detector = BargeInDetector(sampleRate: 16000, classifier: EnergyOnlyClassifier())
        let caller = try BargeInScenario.callerSpeech(utterance: 3)
        for block in 0..<caller.count / frameCount {
            let actions = silent.withUnsafeBufferPointer { reference in
                let quiet = silent.withUnsafeBufferPointer {
                    detector.process(capture: $0, reference: reference, sampleTime: Int64(block * frameCount))
                }
                let talking = caller.withUnsafeBufferPointer {
                    detector.process(
                        capture: UnsafeBufferPointer(rebasing: $0[block * frameCount..<(block + 1) * frameCount]),
                        reference: reference, sampleTime: Int64(block * frameCount))
                }
                return [quiet, talking]
            }
            #expect(actions == [.none, .none])
        }
    }

    @Test("after a barge-in the detector waits for the prompt to stop, then listens again")
    func rearms() {
        let frameCount = 160
        let loud = (0..<frameCount).map { Float(sin(Double($0) * 0.3) * 0.3) }
        let quiet = [Float](repeating: 0, count: frameCount)
        // A known delay: a silent capture holds no echo for the delay finder to find.
        var configuration = BargeInDetector<EnergyOnlyClassifier>.Configuration()
        configuration.knownEchoDelayMilliseconds = 0
        var detector = BargeInDetector(
            sampleRate: 16000, configuration: configuration, classifier: EnergyOnlyClassifier())
        var events = 0
        func feed(capture: [Float], reference: [Float], blocks: Int) {
            for _ in 0..<blocks {
                let action = capture.withUnsafeBufferPointer { c in
                    reference.withUnsafeBufferPointer { detector.process(capture: c, reference: $0, sampleTime: 0) }
                }
                if action != .none { events += 1 }
            }
        }
        // The agent talks, its echo is cancelled (silent capture): the coupling falls to the floor.
        feed(capture: quiet, reference: loud, blocks: 300)
        #expect(events == 0)
        // The caller talks over it: one event however long they talk.
        feed(capture: loud, reference: loud, blocks: 100)
        #expect(events == 1 && detector.hasBargedIn)
        // The prompt stops (the envelope holds 300 ms, falls by 1 dB a block, then must stay silent 300 ms), then a new one
        // starts and the caller interrupts again.
        feed(capture: quiet, reference: quiet, blocks: 20)
        #expect(detector.hasBargedIn)
        feed(capture: quiet, reference: quiet, blocks: 110)
        #expect(!detector.hasBargedIn)
        feed(capture: quiet, reference: loud, blocks: 50)
        feed(capture: loud, reference: loud, blocks: 10)
        #expect(events == 2)
    }
}

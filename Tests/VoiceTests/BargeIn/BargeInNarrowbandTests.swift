import Foundation
import Testing
import Voice

/// Barge-in on constructed narrowband calls: the same prompts, callers and echo paths as `BargeInDetectorTests`,
/// from the corpus's own 8 kHz recordings, through a `headset` processor and a detector at 8 kHz (80-frame blocks,
/// a 128-tap filter, 16-frame envelopes), with the same requirements.
@Suite("Barge-in detector at 8 kHz")
struct BargeInNarrowbandTests {
    static let sampleRate = 8000

    func run(_ scenario: BargeInScenario) throws -> [(raisedFrame: Int, onsetFrame: Int)] {
        let processor = try VoiceProcessor(profile: .headset, sampleRate: Self.sampleRate)
        var detector = try BargeInDetector(sampleRate: Self.sampleRate)
        return scenario.run(processor: processor, detector: &detector)
    }

    func milliseconds(_ frames: Int) -> Double { Double(frames) * 1000 / Double(Self.sampleRate) }

    @Test("a caller talking over the agent raises one barge-in, every call at most 100 ms after the onset")
    func callerOnset() throws {
        for path in BargeInDetectorTests.echoPaths {
            for utterance in [1, 3, 5, 8] {
                for onsetSeconds in [2.5, 11.0] {
                    let scenario = try BargeInScenario.make(
                        echoDelayMilliseconds: path.delayMilliseconds, echoGain: path.gain,
                        caller: BargeInScenario.callerSpeech(utterance: utterance, sampleRate: Self.sampleRate),
                        callerOnsetSeconds: onsetSeconds, sampleRate: Self.sampleRate)
                    let events = try self.run(scenario)
                    let onset = try #require(scenario.callerOnsetFrame)
                    let context = "path \(path), utterance \(utterance), onset \(onsetSeconds) s: \(events)"
                    try #require(events.count == 1, "\(context)")
                    let latency = self.milliseconds(events[0].raisedFrame - onset)
                    let onsetError = self.milliseconds(events[0].onsetFrame - onset)
                    #expect((0...100).contains(latency), "\(context): \(latency) ms")
                    #expect((-10...90).contains(onsetError), "\(context): onset off by \(onsetError) ms")
                }
            }
        }
    }

    @Test("the agent's echo alone raises no barge-in", arguments: [0, 1, 2, 3])
    func echoAlone(pathIndex: Int) throws {
        let path = BargeInDetectorTests.echoPaths[pathIndex]
        let scenario = try BargeInScenario.make(
            echoDelayMilliseconds: path.delayMilliseconds, echoGain: path.gain, caller: nil, callerOnsetSeconds: 0,
            sampleRate: Self.sampleRate)
        let events = try self.run(scenario)
        #expect(events.isEmpty, "\(path): \(events.map { self.milliseconds($0.raisedFrame) / 1000 }) s")
    }
}

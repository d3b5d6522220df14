import Codecs
import Foundation
import Testing
import Voice

/// The measurement behind the README's barge-in numbers: the detector alone on constructed calls over a grid of 12
/// echo paths, four callers and six onsets (0.3 to 11 s) at 16 and 8 kHz, printing for each path whether the echo
/// alone raised a barge-in, when its delay was adopted and confirmed, each call's onset lag (`c` or `u`: raised
/// with the delay confirmed or not; `miss`), and a summary (found, median, worst, how many over 100 ms). It asserts
/// nothing the other suites do not, and runs only when `ATTENDANT_BARGEIN_GRID` is set (about 3 s in release):
///
/// ```sh
/// ATTENDANT_BARGEIN_GRID=1 swift test -c release -Xswiftc -enable-testing --filter BargeInGrid
/// ATTENDANT_BARGEIN_GRID=1 ATTENDANT_BARGEIN_GRID_SWAP=1 swift test -c release -Xswiftc -enable-testing \
///     --filter BargeInGrid                      # held-out roles: concat2 speaks the prompt, concat1 the callers
/// ATTENDANT_BARGEIN_GRID=boundMarginDB=3,onsetBlockCount=1 swift test …   # with configuration changes
/// ATTENDANT_BARGEIN_GRID=1 ATTENDANT_BARGEIN_GRID_OPUS=1 swift test …        # over an Opus line
/// ```
///
/// With `ATTENDANT_BARGEIN_GRID_OPUS` set the calls run over an Opus line as `attendant replay --line opus` does: the
/// prompt is coded and decoded once (the reference is what the caller's phone plays) and the capture, echo and
/// caller together, once more, in 20 ms packets at the line's settings (24 kbit/s, complexity 5) and at the grid's
/// rate.
@Suite("Barge-in grid", .enabled(if: ProcessInfo.processInfo.environment["ATTENDANT_BARGEIN_GRID"] != nil))
struct BargeInGridTests {
    /// The tests' four paths, then eight more: long, loud, zero and odd delays.
    static let echoPaths: [(delayMilliseconds: Int, gain: Float)] =
        BargeInDetectorTests.echoPaths + [
            (200, 0.5), (300, 0.5), (100, 0.9), (0, 0.7), (205, 0.5), (47, 0.7), (123, 0.9), (398, 0.5),
        ]

    static let utterances = [1, 3, 5, 8]
    static let earlyOnsets = [0.3, 0.5, 0.7, 1.0]
    static let lateOnsets = [2.5, 11.0]

    /// One call's outcome: the lag from the labelled onset to the end of the block that raised the first barge-in
    /// at or after it (nil: missed), and the times of barge-ins raised before the caller spoke.
    struct Outcome {
        var lagMilliseconds: Double?
        var falseSeconds: [Double]
        /// When the delay was first adopted and first confirmed, in seconds (nil: never).
        var adoptedSeconds: Double?
        var confirmedSeconds: Double?
        /// Whether the delay was confirmed when the caller's barge-in was raised.
        var wasConfirmed = false
    }

    /// The detector's default configuration with the changes `ATTENDANT_BARGEIN_GRID` lists (`name=value,…`).
    static func configuration() -> BargeInDetector<VoiceActivityClassifier>.Configuration {
        var configuration = BargeInDetector<VoiceActivityClassifier>.Configuration()
        for setting in (ProcessInfo.processInfo.environment["ATTENDANT_BARGEIN_GRID"] ?? "").split(separator: ",") {
            let parts = setting.split(separator: "=")
            guard parts.count == 2, let value = Float(parts[1]) else { continue }
            switch parts[0] {
            case "boundMarginDB": configuration.boundMarginDB = value
            case "boundTrustedBlockCount": configuration.boundTrustedBlockCount = Int(value)
            case "doubleTalkBoundMarginDB": configuration.doubleTalkBoundMarginDB = value
            case "residualBandMarginDB": configuration.residualBandMarginDB = value
            case "echoMarginDB": configuration.echoMarginDB = value
            case "minimumCouplingDB": configuration.minimumCouplingDB = value
            case "onsetBlockCount": configuration.onsetBlockCount = Int(value)
            case "initialCouplingDB": configuration.initialCouplingDB = value
            case "boundRiseLimitDB": configuration.boundRiseLimitDB = value
            case "delayConfirmationBlockCount": configuration.delayConfirmationBlockCount = Int(value)
            case "delayConfirmationERLEDB": configuration.delayConfirmationERLEDB = value
            case "isDelaySearchBounded": configuration.isDelaySearchBounded = value != 0
            case "isDelayRecentered": configuration.isDelayRecentered = value != 0
            case "isBoundNarrowedOnConfirmation": configuration.isBoundNarrowedOnConfirmation = value != 0
            case "codingNoiseDB": configuration.codingNoiseDB = value
            default: Issue.record("unknown setting \(setting)")
            }
        }
        return configuration
    }

    static func outcome(
        _ scenario: BargeInScenario, callerFrameCount: Int
    ) throws -> Outcome {
        let configuration = Self.configuration()
        var detector = try BargeInDetector(sampleRate: scenario.sampleRate, configuration: configuration)
        let rate = Double(scenario.sampleRate)
        let frameCount = scenario.sampleRate / 100
        var events: [(raisedFrame: Int, onsetFrame: Int, isConfirmed: Bool)] = []
        var adoptedSeconds: Double?
        var confirmedSeconds: Double?
        scenario.agent.withUnsafeBufferPointer { agent in
            scenario.capture.withUnsafeBufferPointer { capture in
                for start in stride(from: 0, to: capture.count - frameCount + 1, by: frameCount) {
                    let action = detector.process(
                        capture: UnsafeBufferPointer(rebasing: capture[start..<start + frameCount]),
                        reference: UnsafeBufferPointer(rebasing: agent[start..<start + frameCount]),
                        sampleTime: Int64(start))
                    if case .bargeIn(let onset) = action {
                        events.append((start + frameCount, Int(onset), detector.isEchoDelayConfirmed))
                    }
                    if adoptedSeconds == nil, detector.echoDelayMilliseconds != nil {
                        adoptedSeconds = Double(start + frameCount) / rate
                    }
                    if confirmedSeconds == nil, detector.isEchoDelayConfirmed {
                        confirmedSeconds = Double(start + frameCount) / rate
                    }
                }
            }
        }
        let onset = scenario.callerOnsetFrame ?? Int.max
        let early = events.filter { $0.raisedFrame <= onset }.map { Double($0.raisedFrame) / rate }
        // A barge-in counts as the caller's if it comes while they speak (or within 300 ms of their last word).
        let found = events.first {
            $0.raisedFrame > onset && $0.raisedFrame <= onset + callerFrameCount + scenario.sampleRate * 3 / 10
        }
        return Outcome(
            lagMilliseconds: found.map { Double($0.raisedFrame - onset) * 1000 / rate }, falseSeconds: early,
            adoptedSeconds: adoptedSeconds, confirmedSeconds: confirmedSeconds,
            wasConfirmed: found?.isConfirmed ?? false)
    }

    /// The spans of `track`, each followed by `gapSeconds` of silence.
    static func concatenate(
        _ track: [Float], spans: [ClosedRange<Double>], sampleRate: Int, gapSeconds: Double = 0.2
    ) -> [Float] {
        var samples: [Float] = []
        for span in spans {
            samples += track[Int(span.lowerBound * Double(sampleRate))..<Int(span.upperBound * Double(sampleRate))]
            samples += [Float](repeating: 0, count: Int(gapSeconds * Double(sampleRate)))
        }
        return samples
    }

    /// Whether the calls run over an Opus line (`ATTENDANT_BARGEIN_GRID_OPUS`).
    static let isOverOpus = ProcessInfo.processInfo.environment["ATTENDANT_BARGEIN_GRID_OPUS"] != nil

    /// `samples` coded as Opus in 20 ms packets at the line's settings and decoded again (the decoder's output, the
    /// codec's look-ahead later); a last partial packet is dropped.
    static func opusCoded(_ samples: [Float], sampleRate: Int) throws -> [Float] {
        let encoder = try OpusEncoder(
            configuration: OpusEncoder.Configuration(sampleRate: sampleRate, complexity: 5, bitrate: 24_000))
        let decoder = try OpusDecoder(sampleRate: sampleRate)
        let packetFrameCount = encoder.packetFrameCount
        var packet = [UInt8](repeating: 0, count: OpusEncoder.recommendedPacketCapacity)
        var decoded = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount)
        var output: [Float] = []
        for start in stride(from: 0, to: samples.count - packetFrameCount + 1, by: packetFrameCount) {
            let pcm = samples[start..<start + packetFrameCount].map { Int16(max(-1, min(1, $0)) * 32767) }
            let byteCount = try pcm.withUnsafeBufferPointer { pcm in
                try packet.withUnsafeMutableBufferPointer { try encoder.encode(pcm, into: $0).get() }
            }
            let frameCount = try packet[..<byteCount].withUnsafeBufferPointer { bytes in
                try decoded.withUnsafeMutableBufferPointer { try decoder.decode(bytes, into: $0).get() }
            }
            output += decoded[..<frameCount].map { Float($0) / 32768 }
        }
        return output
    }

    /// `agent` with a second of silence after it, its echo through `path`, and `caller` from `onsetSeconds`; over an
    /// Opus line when `isOverOpus` (`agent` is then already coded).
    static func scenario(
        agent: [Float], path: (delayMilliseconds: Int, gain: Float), caller: [Float]?, onsetSeconds: Double,
        sampleRate: Int
    ) throws -> BargeInScenario {
        let far = agent + [Float](repeating: 0, count: sampleRate)
        var capture = EchoPath.apply(
            far, sampleRate: sampleRate, delayMilliseconds: path.delayMilliseconds, gain: path.gain)
        var onset: Int?
        if let caller {
            let start = Int(onsetSeconds * Double(sampleRate))
            onset = start
            for (offset, sample) in caller.enumerated() where start + offset < capture.count {
                capture[start + offset] += sample
            }
        }
        if Self.isOverOpus {
            // The line's packets: the agent's audio is played out as decoded, the capture arrives a packet later.
            let coded = try Self.opusCoded(capture, sampleRate: sampleRate)
            capture = coded + [Float](repeating: 0, count: max(0, far.count - coded.count))
        }
        return BargeInScenario(agent: far, capture: capture, callerOnsetFrame: onset, sampleRate: sampleRate)
    }

    static func summary(_ lags: [Double?]) -> String {
        let found = lags.compactMap { $0 }.sorted()
        guard !found.isEmpty else { return "0/\(lags.count)" }
        let median = found[found.count / 2]
        let over = found.filter { $0 > 100 }.count
        return "\(found.count)/\(lags.count) med \(Int(median)) worst \(Int(found.last!)) >100: \(over)"
    }

    @Test("prints onset lags per echo path, early and late callers, and false barge-ins", arguments: [16000, 8000])
    func grid(sampleRate: Int) throws {
        // With `ATTENDANT_BARGEIN_GRID_SWAP` set the roles change: the agent speaks `concat2` and callers `concat1`.
        let isSwapped = ProcessInfo.processInfo.environment["ATTENDANT_BARGEIN_GRID_SWAP"] != nil
        var agent: [Float]
        let callers: [[Float]]
        if isSwapped {
            let spans = try Corpus.speechSpans("vad_concat/concat2.lab")
            let track = try BargeInScenario.track(2, sampleRate: sampleRate)
            agent = Self.concatenate(track, spans: [spans[2], spans[6], spans[8], spans[9]], sampleRate: sampleRate)
            let callerSpans = try Corpus.speechSpans("vad_concat/concat1.lab")
            let callerTrack = try BargeInScenario.track(1, sampleRate: sampleRate)
            callers = [1, 3, 5, 11].map {
                Self.concatenate(callerTrack, spans: [callerSpans[$0]], sampleRate: sampleRate, gapSeconds: 0)
            }
        } else {
            agent = try BargeInScenario.agentSpeech(sampleRate: sampleRate)
            callers = try Self.utterances.map {
                try BargeInScenario.callerSpeech(utterance: $0, sampleRate: sampleRate)
            }
        }
        if Self.isOverOpus { agent = try Self.opusCoded(agent, sampleRate: sampleRate) }
        var allEarly: [Double?] = []
        var allLate: [Double?] = []
        var falsePaths = 0
        var lines: [String] = []
        for path in Self.echoPaths {
            let echoOnly = try Self.scenario(
                agent: agent, path: path, caller: nil, onsetSeconds: 0, sampleRate: sampleRate)
            let alone = try Self.outcome(echoOnly, callerFrameCount: 0)
            if !alone.falseSeconds.isEmpty { falsePaths += 1 }
            var early: [Double?] = []
            var late: [Double?] = []
            var details: [String] = []
            for (index, caller) in callers.enumerated() {
                for onsetSeconds in Self.earlyOnsets + Self.lateOnsets {
                    let scenario = try Self.scenario(
                        agent: agent, path: path, caller: caller, onsetSeconds: onsetSeconds, sampleRate: sampleRate)
                    let result = try Self.outcome(scenario, callerFrameCount: caller.count)
                    if onsetSeconds < 2 {
                        early.append(result.lagMilliseconds)
                    } else {
                        late.append(result.lagMilliseconds)
                    }
                    details.append(
                        "u\(Self.utterances[index])@\(onsetSeconds):"
                            + (result.lagMilliseconds.map { "\(Int($0))" + (result.wasConfirmed ? "c" : "u") } ?? "miss")
                            + (result.falseSeconds.isEmpty ? "" : "(false \(result.falseSeconds))"))
                }
            }
            allEarly += early
            allLate += late
            lines.append(
                "\(sampleRate / 1000) kHz \(path.delayMilliseconds) ms / \(path.gain): echo alone "
                    + (alone.falseSeconds.isEmpty ? "none" : "\(alone.falseSeconds) s")
                    + " (delay adopted \(alone.adoptedSeconds ?? -1) s, confirmed \(alone.confirmedSeconds ?? -1) s)"
                    + " | early \(Self.summary(early)) | late \(Self.summary(late))\n    "
                    + details.joined(separator: " "))
        }
        lines.append(
            "\(sampleRate / 1000) kHz all: echo-alone paths with a false barge-in \(falsePaths)/\(Self.echoPaths.count)"
                + " | early \(Self.summary(allEarly)) | late \(Self.summary(allLate))")
        print(lines.joined(separator: "\n"))
    }
}

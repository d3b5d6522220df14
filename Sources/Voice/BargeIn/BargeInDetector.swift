import Foundation

/// Decides, block by block while the agent speaks, whether the caller has started talking over it.
///
/// The detector compares three powers of each 10 ms block, in dB: the processed capture (after echo
/// cancellation), an envelope of the far-end reference (the agent's audio, held for `farHoldBlockCount` blocks
/// so that it covers the echo's delay and tail), and a floor of the capture's steady noise. It learns the echo
/// coupling, the capture's power over the far-end envelope while only the agent's echo is heard: quickly
/// downwards (the canceller converging), slowly upwards (so that a caller cannot teach it their own voice). A
/// block is a candidate when the capture stands `echoMarginDB` above the coupled far end, `noiseMarginDB` above
/// the noise floor and above `minimumLevelDBFS`, and the speech classifier agrees. `onsetBlockCount` candidates
/// within the last `onsetWindowBlockCount` blocks raise one barge-in, dated at the first of them.
///
/// After a barge-in the detector stays quiet until the agent has been silent for `farHoldBlockCount` blocks (the
/// prompt stopped), then listens again. While the agent is silent nothing is raised: the caller's turns are the
/// endpointer's business.
///
/// The caller's first 50 to 150 ms after a labelled onset are often below the echo, and webrtc's echo suppressor
/// treats the start of double talk as echo, so the event comes 50 to 170 ms after the labelled onset.
///
/// A value-type state machine: `process` does no I/O and returns an `Action`.
///
/// Real-time safe: no locks, no allocation. Audio thread only (the one that processes the call's capture).
// TODO: A long echo path (150 ms at gain 0.7) that the delay-agnostic canceller takes over a second to find raises
// a false barge-in during that first second; the agent's opening words can then be cut off by its own echo.
// Freezing detection until `VoiceProcessor.echoMetrics` reports a delay, or seeding the coupling from the
// device's known delay, would close it.
public struct BargeInDetector<Classifier: BargeInSpeechClassifier> {
    /// What the detector raises for a block.
    public enum Action: Hashable, Sendable {
        /// Nothing to do.
        case none
        /// The caller started talking over the agent at `onsetSampleTime` (the first candidate block's first
        /// frame); stop the prompt.
        case bargeIn(onsetSampleTime: Int64)
    }

    /// The detector's thresholds and time constants.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public struct Configuration: Hashable, Sendable {
        /// How far the capture must exceed the far-end envelope times the learned coupling, in dB.
        ///
        /// The defaults were chosen on the scenarios of `BargeInDetectorTests` (agent `concat1`, callers from
        /// `concat2`, echo paths of 30 to 150 ms): 2 candidates in 3 blocks gave a median of 90 ms from the
        /// labelled onset to the event and a worst case of 170 ms; 3 in 4 added 10 ms to both.
        public var echoMarginDB: Float = 12

        /// How far the capture must exceed its noise floor, in dB.
        public var noiseMarginDB: Float = 12

        /// The quietest capture block that can count as the caller, in dBFS.
        public var minimumLevelDBFS: Float = -55

        /// The far-end envelope below which the agent counts as silent, in dBFS.
        public var agentSilenceLevelDBFS: Float = -60

        /// Blocks the far-end envelope holds a peak: the longest echo delay plus tail it covers (30: 300 ms).
        public var farHoldBlockCount = 30

        /// The coupling assumed before any echo is measured, in dB (+6: the processed echo may be louder than the
        /// agent's envelope, as it is while the canceller converges and the gain control lifts it).
        public var initialCouplingDB: Float = 6

        /// How fast the learned coupling rises, in dB per block (0.03: 3 dB a second).
        public var couplingRiseDBPerBlock: Float = 0.03

        /// The fraction of the gap closed per block when the coupling falls (0.1: a time constant of 100 ms).
        public var couplingFallFraction: Float = 0.1

        /// The most the coupling falls in one block, in dB (0.5: 50 dB a second). Without the limit the blocks
        /// between the agent's first word and its echo's arrival would teach a coupling of silence.
        public var couplingFallLimitDB: Float = 0.3

        /// Candidate blocks needed within the window to raise a barge-in.
        public var onsetBlockCount = 2

        /// The window, in blocks (at most 32), the candidates are counted over.
        public var onsetWindowBlockCount = 3

        /// The default configuration.
        public init() {}
    }

    /// The thresholds in use.
    public let configuration: Configuration

    /// The speech decision for loud blocks.
    public private(set) var classifier: Classifier

    /// The learned echo coupling in dB: processed capture power over far-end envelope during echo alone.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var echoCouplingDB: Float

    /// The tracked noise floor of the processed capture, in dBFS.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var noiseFloorDBFS: Float = -70

    /// Whether a barge-in was raised and the agent has not yet fallen silent.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var hasBargedIn = false

    /// The far-end envelope of the last block, in dBFS (for tests and diagnostics).
    ///
    /// Real-time safe: no locks, no allocation.
    public var farEnvelopeDBFS: Float { Self.decibels(power: self.farEnvelopePower) }

    private var farEnvelopePower: Float = 0
    private var farHoldRemaining = 0
    private var silentBlockCount = 0
    private var candidateHistory: UInt32 = 0

    /// Makes a detector that listens from the first block.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Precondition: `onsetBlockCount` in 1...`onsetWindowBlockCount`, the window at most 32 blocks.
    public init(configuration: Configuration = Configuration(), classifier: Classifier) {
        precondition(
            (1...32).contains(configuration.onsetWindowBlockCount)
                && (1...configuration.onsetWindowBlockCount).contains(configuration.onsetBlockCount),
            "onsetBlockCount must be 1...onsetWindowBlockCount and the window 1...32 blocks")
        self.configuration = configuration
        self.classifier = classifier
        self.echoCouplingDB = configuration.initialCouplingDB
    }

    /// Judges one block.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameters:
    ///   - capture: the processed capture block (after `VoiceProcessor.processCapture(_:)`).
    ///   - reference: the far-end block handed to `VoiceProcessor.analyzeRender(_:)` for the same 10 ms, the same
    ///     length as `capture` (silence when the agent is quiet).
    ///   - sampleTime: the frame index of the block's first frame on the call's capture clock.
    /// - Returns: `.bargeIn` once per prompt, on the block that completes the onset.
    /// - Complexity: O(capture.count).
    public mutating func process(
        capture: UnsafeBufferPointer<Float>, reference: UnsafeBufferPointer<Float>, sampleTime: Int64
    ) -> Action {
        let captureDB = Self.decibels(meanSquareOf: capture)
        self.updateFarEnvelope(power: Self.meanSquare(reference))
        let farDB = Self.decibels(power: self.farEnvelopePower)
        let config = self.configuration

        // The agent is silent: forget any onset, and re-arm once the prompt has been silent long enough.
        guard farDB > config.agentSilenceLevelDBFS else {
            self.candidateHistory = 0
            self.silentBlockCount += 1
            if self.silentBlockCount >= config.farHoldBlockCount {
                self.hasBargedIn = false
            }
            self.updateNoiseFloor(captureDB)
            return .none
        }
        self.silentBlockCount = 0

        let isLoud =
            captureDB > farDB + self.echoCouplingDB + config.echoMarginDB
            && captureDB > self.noiseFloorDBFS + config.noiseMarginDB && captureDB > config.minimumLevelDBFS
        let isCandidate = isLoud && self.classifier.isSpeech(capture)
        let windowMask: UInt32 = config.onsetWindowBlockCount == 32 ? .max : (1 << config.onsetWindowBlockCount) - 1
        self.candidateHistory = ((self.candidateHistory << 1) | (isCandidate ? 1 : 0)) & windowMask

        if self.candidateHistory == 0 {
            // Echo alone (as far as the detector can tell): learn the coupling and the floor from it.
            self.learnCoupling(captureDB - farDB)
            self.updateNoiseFloor(captureDB)
        }
        guard !self.hasBargedIn, self.candidateHistory.nonzeroBitCount >= config.onsetBlockCount else {
            return .none
        }

        self.hasBargedIn = true
        // The oldest candidate in the window is the onset: bit k set means k blocks ago.
        let blocksAgo = 31 - self.candidateHistory.leadingZeroBitCount
        self.candidateHistory = 0
        return .bargeIn(onsetSampleTime: sampleTime - Int64(blocksAgo * capture.count))
    }

    /// Forgets everything learned, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation.
    public mutating func reset() {
        self.echoCouplingDB = self.configuration.initialCouplingDB
        self.noiseFloorDBFS = -70
        self.hasBargedIn = false
        self.farEnvelopePower = 0
        self.farHoldRemaining = 0
        self.silentBlockCount = 0
        self.candidateHistory = 0
    }

    /// A peak of the far-end power held for `farHoldBlockCount` blocks, then released by 1 dB a block.
    private mutating func updateFarEnvelope(power: Float) {
        if power >= self.farEnvelopePower {
            self.farEnvelopePower = power
            self.farHoldRemaining = self.configuration.farHoldBlockCount
        } else if self.farHoldRemaining > 0 {
            self.farHoldRemaining -= 1
        } else {
            self.farEnvelopePower = max(power, self.farEnvelopePower * 0.794)
        }
    }

    private mutating func learnCoupling(_ ratioDB: Float) {
        if ratioDB < self.echoCouplingDB {
            let step = (self.echoCouplingDB - ratioDB) * self.configuration.couplingFallFraction
            self.echoCouplingDB -= min(step, self.configuration.couplingFallLimitDB)
        } else {
            self.echoCouplingDB += min(ratioDB - self.echoCouplingDB, self.configuration.couplingRiseDBPerBlock)
        }
        self.echoCouplingDB = max(self.echoCouplingDB, -80)
    }

    /// Falls quickly to a quieter block, rises by 0.02 dB a block (2 dB a second) otherwise.
    private mutating func updateNoiseFloor(_ captureDB: Float) {
        if captureDB < self.noiseFloorDBFS {
            self.noiseFloorDBFS += (captureDB - self.noiseFloorDBFS) * 0.2
        } else {
            self.noiseFloorDBFS += min(captureDB - self.noiseFloorDBFS, 0.02)
        }
        self.noiseFloorDBFS = max(self.noiseFloorDBFS, -100)
    }

    static func meanSquare(_ block: UnsafeBufferPointer<Float>) -> Float {
        guard !block.isEmpty else { return 0 }
        var sum: Float = 0
        for sample in block {
            sum += sample * sample
        }
        return sum / Float(block.count)
    }

    static func decibels(meanSquareOf block: UnsafeBufferPointer<Float>) -> Float {
        self.decibels(power: self.meanSquare(block))
    }

    /// 10·log10(power), floored at −120 dB for silence.
    static func decibels(power: Float) -> Float {
        power > 1e-12 ? 10 * log10f(power) : -120
    }
}

extension BargeInDetector where Classifier == EnergyOnlyClassifier {
    /// Makes a detector that decides on energy alone.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(configuration: Configuration = Configuration()) {
        self.init(configuration: configuration, classifier: EnergyOnlyClassifier())
    }
}

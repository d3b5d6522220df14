import Foundation

/// Attendant's voice-activity detector: one decision per 10 ms block of mono audio at 8 or 16 kHz.
///
/// Per block, an eight-band filter bank (200–3700 Hz, the same bands at both rates) gives band powers, and the
/// 80–1000 Hz band decimated to 4 kHz gives a normalised autocorrelation peak over 62–400 Hz pitch lags
/// (`VoiceActivityKernels`, SIMD with a scalar reference). `VoiceActivityFeatures` tracks a noise floor per band and
/// the recent speech peak; a logistic combiner (`VoiceActivityModel`) turns the features into a probability, and
/// `VoiceActivityHangover` into a decision.
///
/// ```swift
/// let detector = try VoiceActivityDetector(sampleRate: 8000)
/// let activity = detector.process(block)   // 80 samples
/// if activity.isSpeech { … }
/// ```
///
/// `init` allocates everything; `process` never allocates, locks or throws. The detector is used by one thread at
/// a time (not `Sendable`); `counters` may be read from any thread.
public final class VoiceActivityDetector {
    /// Frames per second of the input: 8000 or 16000.
    public let sampleRate: Int

    /// Frames in each block `process` takes: 10 ms, 80 or 160.
    public let blockFrameCount: Int

    /// The combiner's weights and the hangover's thresholds.
    public let combiner: VoiceActivityCombiner

    /// Blocks seen, speech blocks and onsets, for the control side.
    public let counters = VoiceActivityCounters()

    private let bank: FilterBankCoefficients
    /// Everything `process` changes, behind a pointer: a stored `var` of a class costs a dynamic exclusivity check
    /// (`swift_beginAccess`) on every access, which was a tenth of the detector's instructions.
    private let state: UnsafeMutablePointer<State>
    /// The pitch signal: `historyCount` samples of history, then room for one block's new samples.
    private let pitchSignal: UnsafeMutableBufferPointer<Float>
    private let pitchBlockCount: Int

    /// Makes a detector for `sampleRate`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - sampleRate: 8000 or 16000.
    ///   - combiner: The constants to decide with; `fitted` (the default) unless the detector serves barge-in.
    /// - Throws: `VoiceActivityError.unsupportedSampleRate` unless the rate is 8000 or 16000.
    public init(sampleRate: Int, combiner: VoiceActivityCombiner = .fitted) throws(VoiceActivityError) {
        guard VoiceActivityError.supportedSampleRates.contains(sampleRate) else {
            throw .unsupportedSampleRate(sampleRate)
        }
        self.sampleRate = sampleRate
        self.combiner = combiner
        self.blockFrameCount = sampleRate / 100
        self.bank = FilterBankCoefficients(sampleRate: sampleRate)
        self.pitchBlockCount = self.blockFrameCount / self.bank.decimation
        self.pitchSignal = .allocate(capacity: VoiceActivityKernels.historyCount + self.pitchBlockCount)
        self.pitchSignal.initialize(repeating: 0)
        self.state = .allocate(capacity: 1)
        self.state.initialize(to: State())
    }

    deinit {
        self.pitchSignal.deallocate()
        self.state.deinitialize(count: 1)
        self.state.deallocate()
    }

    /// The detector's memory from block to block.
    private struct State {
        var filter = FilterBankState()
        var periodicity = PeriodicitySums()
        var tracker = VoiceActivityFeatures()
        var hangover = VoiceActivityHangover()
        var wasSpeech = false
        var features = SIMD16<Float>()
    }

    /// Classifies the next block.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Parameter block: Exactly `blockFrameCount` mono samples in −1…1; another count traps.
    /// - Returns: The block's speech probability and the decision after hangover.
    /// - Complexity: O(`blockFrameCount`).
    public func process(_ block: UnsafeBufferPointer<Float>) -> VoiceActivity {
        precondition(
            block.count == self.blockFrameCount, "a block is \(self.blockFrameCount) frames, not \(block.count)")
        let history = VoiceActivityKernels.historyCount
        let newPitch = UnsafeMutableBufferPointer(rebasing: self.pitchSignal[history...])
        let state = self.state
        let sums = VoiceActivityKernels.filter(block, bank: self.bank, state: &state.pointee.filter, pitch: newPitch)

        // The window ends at the newest pitch sample; the buffer is history followed by this block's samples.
        let base = self.pitchSignal.baseAddress!
        let periodicity = VoiceActivityKernels.periodicity(
            UnsafeBufferPointer(start: base + self.pitchBlockCount, count: history), sums: &state.pointee.periodicity)
        base.update(from: base + self.pitchBlockCount, count: history)

        let energies = sums * (1 / Float(self.blockFrameCount))
        let values = state.pointee.tracker.update(energies: energies, periodicity: periodicity)
        state.pointee.features = values
        let score = (values * self.combiner.weights).sum() + self.combiner.bias
        let probability = 1 / (1 + Self.exp(-score))
        let isSpeech = state.pointee.hangover.decide(probability, combiner: self.combiner)
        self.counters.record(isSpeech: isSpeech, isOnset: isSpeech && !state.pointee.wasSpeech)
        state.pointee.wasSpeech = isSpeech
        return VoiceActivity(probability: probability, isSpeech: isSpeech)
    }

    /// The combiner's inputs for the last block `process` classified (lanes past `VoiceActivityModel.featureCount`
    /// are 0): what `tools/fit-vad-model` fits the weights on, through `attendant vad-features`.
    ///
    /// Real-time safe: no locks, no allocation. The thread that calls `process`.
    public var lastFeatures: SIMD16<Float> { self.state.pointee.features }

    /// Classifies `frameCount` frames starting at `start` of a longer buffer; see `process(_:)`.
    ///
    /// Real-time safe: no locks, no allocation.
    public func process(_ samples: UnsafeBufferPointer<Float>, from start: Int) -> VoiceActivity {
        self.process(UnsafeBufferPointer(rebasing: samples[start..<start + self.blockFrameCount]))
    }

    /// Forgets the noise floors, the filter memory and the decision, as for a new call.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        self.state.pointee = State()
        self.pitchSignal.update(repeating: 0)
        self.counters.reset()
    }

    @inline(__always)
    private static func exp(_ value: Float) -> Float {
        expf(value)
    }
}

/// The barge-in detector's own linear echo estimate: the raw capture minus the agent's echo predicted from the
/// far-end reference, before any non-linear suppression touches the caller's first syllables.
///
/// Two stages. A delay finder correlates 2 ms magnitude envelopes of the capture and of the far end over lags of 0
/// to `maximumDelayMilliseconds` (exponentially weighted covariance per lag, a time constant of about 0.5 s) and
/// adopts the best lag once it has led for `delayStableBlockCount` blocks with a normalised correlation of at least
/// `minimumDelayCorrelation`. A short NLMS filter (`filterMilliseconds` of taps, starting `filterLeadMilliseconds`
/// before the adopted delay) then predicts the echo sample by sample; a new delay more than the lead away resets
/// its taps. The finder skips the delays the detector's bound on the echo has ruled out (on a 100 ms path it used to
/// adopt 0 ms at 0.17 s and keep it until 0.60 s), and once the filter has converged the delay follows its largest
/// tap, moving the taps with it (`recenter`). `filter` gives the a priori residual; `learn` then adapts both stages
/// unless the detector, having seen that residual, suspects double talk, so that a caller cannot teach the filter or
/// the delay finder their own voice.
///
/// The far end is kept in a ring written twice (at `i` and `i + capacity`), so that any window of up to `capacity`
/// samples is contiguous, and the inner loops are the SIMD kernels of `BargeInKernels` on plain runs of memory.
///
/// `init` allocates everything (about 100 KB at 16 kHz); `process` never allocates, locks or throws.
///
/// Not `Sendable`: one audio thread at a time.
final class BargeInEchoCanceller {
    /// The delay finder's and filter's settings.
    struct Configuration: Hashable, Sendable {
        /// The longest echo delay searched, in milliseconds.
        var maximumDelayMilliseconds = 400
        /// The filter's length, in milliseconds of taps.
        var filterMilliseconds = 16
        /// How far before the adopted delay the filter's first tap sits, in milliseconds.
        var filterLeadMilliseconds = 4
        /// The NLMS step size (0 to 2; 0.5 converges in a few hundred ms of speech and stays stable).
        var stepSize: Float = 0.5
        /// The normalised envelope correlation a lag needs before it is adopted.
        var minimumDelayCorrelation: Float = 0.5
        /// Blocks a lag must lead the correlation before it is adopted (5: 50 ms).
        var delayStableBlockCount = 5
        /// A delay known from the device, in milliseconds, adopted from the first block; the finder still runs
        /// and replaces it if the echo proves to be elsewhere.
        var knownDelayMilliseconds: Int?
    }

    let configuration: Configuration
    let sampleRate: Int
    let frameCount: Int

    /// The adopted echo delay in frames, or `nil` before one is found.
    private(set) var delayFrameCount: Int?

    /// Blocks since the filter's taps were last reset (a new delay), saturating.
    private(set) var blocksSinceReset = 0

    /// How many times a delay was adopted and the taps reset for it: a re-centred delay (`isRecentering`) moves the
    /// taps with it and does not count.
    private(set) var adoptionCount = 0

    /// Whether the delay follows the filter's main tap once the filter has learned for 100 ms (`recenter`).
    var isRecentering = false

    /// The capture minus the predicted echo, from the last `process` call.
    var residual: UnsafeBufferPointer<Float> { UnsafeBufferPointer(self.residualBuffer) }

    private let residualBuffer: UnsafeMutableBufferPointer<Float>
    private let capacity: Int
    private let far: UnsafeMutableBufferPointer<Float>
    private var farWrittenCount = 0
    private var blockStart = 0

    private let tapCount: Int
    private let leadFrameCount: Int
    private let taps: UnsafeMutableBufferPointer<Float>

    private let subFrameCount: Int
    private let lagCount: Int
    private let envelopeCapacity: Int
    private let farEnvelope: UnsafeMutableBufferPointer<Float>
    private var envelopeWrittenCount = 0
    private let covariance: UnsafeMutableBufferPointer<Float>
    private var farMean: Float = 0
    private var captureMean: Float = 0
    private var farVariance: Float = 0
    private var captureVariance: Float = 0
    private var leadingLag = -1
    private var leadingBlockCount = 0

    /// The weight of each new 2 ms envelope in the running statistics: a time constant of about 0.5 s.
    private static let envelopeSmoothing: Float = 1 / 250

    /// Makes the canceller for `frameCount`-frame blocks at `sampleRate`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Precondition: `sampleRate` a multiple of 500 (whole 2 ms envelopes), `frameCount` a multiple of 2 ms.
    init(sampleRate: Int, frameCount: Int, configuration: Configuration) {
        precondition(sampleRate % 500 == 0 && frameCount % (sampleRate / 500) == 0, "2 ms must be whole frames")
        self.configuration = configuration
        self.sampleRate = sampleRate
        self.frameCount = frameCount
        self.tapCount = sampleRate * configuration.filterMilliseconds / 1000
        self.leadFrameCount = sampleRate * configuration.filterLeadMilliseconds / 1000
        let historyCount = sampleRate * configuration.maximumDelayMilliseconds / 1000 + self.tapCount + frameCount
        var capacity = 1
        while capacity < historyCount { capacity <<= 1 }
        self.capacity = capacity
        self.far = .allocate(capacity: 2 * capacity)
        self.far.initialize(repeating: 0)
        self.taps = .allocate(capacity: self.tapCount)
        self.taps.initialize(repeating: 0)
        self.residualBuffer = .allocate(capacity: frameCount)
        self.residualBuffer.initialize(repeating: 0)

        self.subFrameCount = sampleRate / 500
        self.lagCount = configuration.maximumDelayMilliseconds / 2 + 1
        var envelopeCapacity = 1
        while envelopeCapacity < self.lagCount + frameCount / self.subFrameCount { envelopeCapacity <<= 1 }
        self.envelopeCapacity = envelopeCapacity
        self.farEnvelope = .allocate(capacity: 2 * envelopeCapacity)
        self.farEnvelope.initialize(repeating: 0)
        self.covariance = .allocate(capacity: self.lagCount)
        self.covariance.initialize(repeating: 0)
        self.delayFrameCount = configuration.knownDelayMilliseconds.map { sampleRate * $0 / 1000 }
    }

    deinit {
        self.far.deallocate()
        self.taps.deallocate()
        self.residualBuffer.deallocate()
        self.farEnvelope.deallocate()
        self.covariance.deallocate()
    }

    /// The adopted delay in milliseconds, or `nil` before one is found.
    var delayMilliseconds: Int? { self.delayFrameCount.map { $0 * 1000 / self.sampleRate } }

    /// Appends the far-end block and writes the capture minus the predicted echo into `residual`, learning
    /// nothing: the residual is the a priori error, which the caller's voice has not yet bent the taps towards.
    ///
    /// Before a delay is adopted the residual is the capture itself. Follow it with `learn(capture:)` once the
    /// detector has decided whether the block is double talk.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameters:
    ///   - capture: the raw near-end block, `frameCount` frames.
    ///   - reference: the far-end block for the same 10 ms.
    /// - Returns: the mean square of the far end aligned with this block at the adopted delay (0 without one).
    /// - Complexity: O(frameCount × filter taps).
    func filter(capture: UnsafeBufferPointer<Float>, reference: UnsafeBufferPointer<Float>) -> Float {
        precondition(capture.count == self.frameCount && reference.count == self.frameCount)
        self.blockStart = self.farWrittenCount
        self.appendFar(reference)
        let residual = self.residualBuffer
        guard let delay = self.delayFrameCount else {
            _ = residual.update(fromContentsOf: capture)
            return 0
        }
        self.blocksSinceReset = min(self.blocksSinceReset + 1, 1 << 20)
        let (offset, alignedIndex) = self.window(delay: delay)
        let window = self.firstWindow(offset: offset)
        BargeInKernels.predict(
            taps: self.taps.baseAddress!, tapCount: self.tapCount, far: window, capture: capture.baseAddress!,
            residual: residual.baseAddress!, frameCount: self.frameCount)
        return BargeInKernels.sumOfSquares(window + alignedIndex, count: self.frameCount) / Float(self.frameCount)
    }

    /// Adapts the taps (NLMS) and the delay finder to the block `filter` last saw, unless `isFrozen`.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameters:
    ///   - capture: the same raw block that was handed to `filter`.
    ///   - isFrozen: the detector suspects double talk (or the agent is silent): learn nothing from the block.
    ///   - ruledOutBlockDelays: for k blocks back, whether the echo is known not to come from there (the detector's
    ///     `BargeInEchoBound`); the delay finder adopts none of those, and leaves one it had adopted.
    /// - Complexity: O(frameCount × filter taps + searched lags × 2 ms envelopes per block).
    func learn(
        capture: UnsafeBufferPointer<Float>, isFrozen: Bool,
        ruledOutBlockDelays: UnsafeBufferPointer<Bool> = UnsafeBufferPointer(start: nil, count: 0)
    ) {
        self.trackDelay(
            capture: capture, blockStart: self.blockStart, isFrozen: isFrozen, ruledOut: ruledOutBlockDelays)
        guard !isFrozen, let delay = self.delayFrameCount, self.blocksSinceReset > 0 else { return }
        let (offset, _) = self.window(delay: delay)
        BargeInKernels.adapt(
            taps: self.taps.baseAddress!, tapCount: self.tapCount, far: self.firstWindow(offset: offset),
            capture: capture.baseAddress!, frameCount: self.frameCount, stepSize: self.configuration.stepSize)
        if self.isRecentering && self.blocksSinceReset >= 10 {
            self.recenter(delay: delay)
        }
    }

    /// Moves the delay, and the taps with it, so that the filter's largest tap sits at the delay, once it stands 3 ms
    /// or more away and clearly above the others (four times their mean magnitude).
    ///
    /// The envelope correlation can place the delay several milliseconds early or late (114 ms on a 123 ms path at
    /// 8 kHz, whose filter then ended at 126 ms and could not model the echo's tap at 127 ms), and a filter that
    /// cannot model part of the echo loses its cancellation on new sounds. The residual is unchanged by the move,
    /// so nothing the detector learned about the filter is forgotten.
    private func recenter(delay: Int) {
        guard delay >= self.leadFrameCount else { return }
        var peakIndex = 0
        var peak: Float = 0
        var sum: Float = 0
        for index in 0..<self.tapCount {
            let magnitude = abs(self.taps[index])
            sum += magnitude
            if magnitude > peak {
                peak = magnitude
                peakIndex = index
            }
        }
        // Tap i stands for a delay of `delay − lead + tapCount − 1 − i` frames.
        let shift = self.tapCount - 1 - self.leadFrameCount - peakIndex
        let newDelay = delay + shift
        let longestDelay = self.sampleRate * self.configuration.maximumDelayMilliseconds / 1000
        guard abs(shift) >= 3 * self.sampleRate / 1000, peak * Float(self.tapCount) > 4 * sum,
            (self.leadFrameCount...longestDelay).contains(newDelay)
        else { return }
        // The new tap i stands for the delay the old tap i − shift stood for.
        if shift > 0 {
            for index in stride(from: self.tapCount - 1, through: 0, by: -1) {
                self.taps[index] = index >= shift ? self.taps[index - shift] : 0
            }
        } else {
            for index in 0..<self.tapCount {
                self.taps[index] = index - shift < self.tapCount ? self.taps[index - shift] : 0
            }
        }
        self.delayFrameCount = newDelay
    }

    /// The window of the block's first frame, far[blockStart - offset ..< blockStart - offset + tapCount]; frame
    /// n's starts n samples on. The ring is written twice, so all of them (at most `capacity` samples, which
    /// `init` sized for) are contiguous from any start below `capacity`.
    private func firstWindow(offset: Int) -> UnsafePointer<Float> {
        UnsafePointer(self.far.baseAddress! + ((self.blockStart - offset) & (self.capacity - 1)))
    }

    /// For capture frame n the window is far[n - offset ..< n - offset + tapCount]; the far sample aligned with
    /// frame n at the adopted delay sits at `alignedIndex` in it.
    private func window(delay: Int) -> (offset: Int, alignedIndex: Int) {
        let lead = min(self.leadFrameCount, delay)
        return (delay - lead + self.tapCount - 1, self.tapCount - 1 - lead)
    }

    /// Forgets the far end, the delay and the taps, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation.
    func reset() {
        self.far.update(repeating: 0)
        self.farWrittenCount = 0
        self.taps.update(repeating: 0)
        self.farEnvelope.update(repeating: 0)
        self.envelopeWrittenCount = 0
        self.covariance.update(repeating: 0)
        self.farMean = 0
        self.captureMean = 0
        self.farVariance = 0
        self.captureVariance = 0
        self.leadingLag = -1
        self.leadingBlockCount = 0
        self.blocksSinceReset = 0
        self.delayFrameCount = self.configuration.knownDelayMilliseconds.map { self.sampleRate * $0 / 1000 }
    }

    private func appendFar(_ reference: UnsafeBufferPointer<Float>) {
        for sample in reference {
            let index = self.farWrittenCount & (self.capacity - 1)
            self.far[index] = sample
            self.far[index + self.capacity] = sample
            self.farWrittenCount += 1
        }
    }

    /// Whether a delay of `delay` frames is ruled out: `ruledOut[k]` says the echo cannot come from k blocks back
    /// (empty: nothing is), and the filter's lead lets a delay stand for one up to `filterLeadMilliseconds` shorter.
    private func isRuledOut(delay: Int, _ ruledOut: UnsafeBufferPointer<Bool>) -> Bool {
        guard !ruledOut.isEmpty else { return false }
        let late = delay / self.frameCount
        let early = max(delay - self.leadFrameCount, 0) / self.frameCount
        return (late >= ruledOut.count || ruledOut[late]) && (early >= ruledOut.count || ruledOut[early])
    }

    /// Updates the per-lag envelope covariance with this block's 2 ms envelopes and adopts a lag that has led
    /// long enough, among those `ruledOut` leaves.
    private func trackDelay(
        capture: UnsafeBufferPointer<Float>, blockStart: Int, isFrozen: Bool, ruledOut: UnsafeBufferPointer<Bool>
    ) {
        let alpha = Self.envelopeSmoothing
        let covariance = self.covariance.baseAddress!
        // The block's far end, contiguous in the doubled ring.
        let farBlock = UnsafePointer(self.far.baseAddress! + (blockStart & (self.capacity - 1)))
        for sub in 0..<self.frameCount / self.subFrameCount {
            let first = sub * self.subFrameCount
            let farSum = BargeInKernels.sumOfSquares(farBlock + first, count: self.subFrameCount)
            let captureSum = BargeInKernels.sumOfSquares(capture.baseAddress! + first, count: self.subFrameCount)
            let farMagnitude = (farSum / Float(self.subFrameCount)).squareRoot()
            let captureMagnitude = (captureSum / Float(self.subFrameCount)).squareRoot()
            // The envelope ring runs backwards (each envelope one slot below the last), so that the lags, newest
            // first, are a forward run for the covariance kernel.
            let slot = self.envelopeCapacity - 1 - (self.envelopeWrittenCount & (self.envelopeCapacity - 1))
            self.farEnvelope[slot] = farMagnitude
            self.farEnvelope[slot + self.envelopeCapacity] = farMagnitude
            self.envelopeWrittenCount += 1
            guard !isFrozen else { continue }

            self.farMean += alpha * (farMagnitude - self.farMean)
            self.captureMean += alpha * (captureMagnitude - self.captureMean)
            let captureDeviation = captureMagnitude - self.captureMean
            self.farVariance +=
                alpha * ((farMagnitude - self.farMean) * (farMagnitude - self.farMean) - self.farVariance)
            self.captureVariance += alpha * (captureDeviation * captureDeviation - self.captureVariance)
            // Lag l pairs this capture envelope with the far envelope l slots ago: slot + l, read from the
            // doubled ring as the contiguous run starting at slot, newest first.
            BargeInKernels.updateCovariance(
                covariance, envelopes: self.farEnvelope.baseAddress! + slot, count: self.lagCount, decay: 1 - alpha,
                weight: alpha * captureDeviation, mean: self.farMean)
        }

        var bestLag = -1
        for lag in 0..<self.lagCount where bestLag < 0 || covariance[lag] > covariance[bestLag] {
            if !self.isRuledOut(delay: lag * self.subFrameCount, ruledOut) { bestLag = lag }
        }
        guard bestLag >= 0 else {
            self.leadingBlockCount = 0
            return
        }
        let scale = (self.farVariance * self.captureVariance).squareRoot()
        let correlation = scale > 1e-12 ? covariance[bestLag] / scale : 0
        guard correlation >= self.configuration.minimumDelayCorrelation else {
            self.leadingBlockCount = 0
            return
        }
        if bestLag == self.leadingLag {
            self.leadingBlockCount += 1
        } else {
            self.leadingLag = bestLag
            self.leadingBlockCount = 1
        }
        let candidate = bestLag * self.subFrameCount
        if let current = self.delayFrameCount, !self.isRuledOut(delay: current, ruledOut) {
            // Moving an adopted delay resets the taps, so it takes a clear and lasting winner: a caller the
            // double-talk test missed must not drag the delay to their own voice. A re-centring filter already
            // follows an echo inside its window; a delay the bound has ruled out is left as soon as another leads.
            let currentLag = min(current / self.subFrameCount, self.lagCount - 1)
            let windowStart = current - self.leadFrameCount
            let isOutside =
                self.isRecentering
                ? candidate < windowStart || candidate >= windowStart + self.tapCount
                : abs(candidate - current) > self.leadFrameCount / 2
            guard isOutside,
                self.leadingBlockCount >= 4 * self.configuration.delayStableBlockCount,
                covariance[bestLag] > 1.5 * covariance[currentLag]
            else { return }
        } else {
            guard self.leadingBlockCount >= self.configuration.delayStableBlockCount else { return }
        }
        if self.delayFrameCount != nil {
            self.taps.update(repeating: 0)
        }
        self.delayFrameCount = candidate
        self.blocksSinceReset = 0
        self.adoptionCount += 1
    }
}

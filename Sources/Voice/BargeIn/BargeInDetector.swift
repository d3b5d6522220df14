import Foundation

/// Decides, block by block while the agent speaks, whether the caller has started talking over it.
///
/// The detector listens to the raw capture, before webrtc's echo suppressor: that suppressor treats the first 50
/// to 150 ms of double talk as echo and so hid the caller's onset. Its own `BargeInEchoCanceller` finds the echo
/// delay by envelope correlation and removes the echo with a short NLMS filter at that delay; what is left (the
/// residual) goes to the speech classifier and to three power tests, in dB per 10 ms block. A block is a
/// candidate when the residual stands `echoMarginDB` above the far end aligned at the echo delay times a learned
/// coupling, `noiseMarginDB` above the residual's noise floor and above `minimumLevelDBFS`, and the classifier
/// says speech. `onsetBlockCount` candidates within the last `onsetWindowBlockCount` blocks raise one barge-in,
/// dated at the first of them.
///
/// The coupling is the residual's power over the aligned far end while only echo is heard, learned quickly
/// downwards (the filter converging) and slowly upwards (so that a caller cannot teach it their own voice). It
/// starts at `initialCouplingDB` and returns there whenever the canceller adopts a new delay and resets its taps.
///
/// The delay finder can adopt a wrong lag in the first few hundred milliseconds of echo, and the aligned far end of
/// a wrong lag says nothing about the echo (on a 200 ms path the agent's own voice used to raise a barge-in at
/// 0.65 s that way). So the aligned test counts only once the delay is confirmed (`isEchoDelayConfirmed`): the
/// filter at that delay was seen to remove `delayConfirmationERLEDB` of the echo alone, with no block of echo alone in
/// between where its residual rose `harmfulResidualMarginDB` over the capture. A wrong lag can remove 10 dB of a
/// steady vowel (taps 0–16 ms back predicted a 40 ms echo of a voice that repeats every pitch period) but adds its
/// prediction at the next syllable; such a block also withdraws a confirmation. The residual's band test never counts
/// a band above the capture: what the filter added there is its own prediction, not the caller.
/// Throughout, the raw capture is also judged band by band (the voice-activity detector's eight bands, 200–3700 Hz)
/// against `BargeInEchoBound`, a bound on the echo that holds whatever its delay for a path whose gain in any band
/// is at most `initialCouplingDB`: lags the echo has ruled out are dropped from it and the others' gains learned, so
/// it tightens within the first words. A caller standing above it in any band (their voice has energy where the
/// agent's, at the lags left, has none) is found before the delay is; until the first barge-in test could only
/// compare total powers, such callers had to be 6 to 13 dB louder than the echo.
///
/// The capture stands beyond the bound when no single lag left explains it (`BargeInEchoBound.exceedsEveryLag`), and
/// once the delay is confirmed only the lags at that delay count; the bound's ruled-out lags also keep the delay
/// finder off delays the echo cannot have, and the canceller's delay follows its filter's largest tap.
///
/// After confirmation the residual test asks, besides the total, that the residual stand `residualBandMarginDB`
/// above the aligned far end times a coupling learned per band in some band: the filter converges band by band, and
/// a band it has not learned keeps a high coupling. The filter freezes on a residual over the coupled echo only when
/// the capture, in some band, reaches the loudest echo the bound has seen there (`doubleTalkBoundMarginDB`): a
/// residual that rises while the capture stays under that is the filter meeting sounds it has not learned, which it
/// must keep learning (frozen, it stayed wrong for a whole word, and on a 123 ms path at gain 0.9 the echo alone
/// raised a barge-in at 1.8 s).
///
/// After a barge-in the detector stays quiet until the agent has been silent for `farHoldBlockCount` blocks (the
/// prompt stopped), then listens again. While the agent is silent nothing is raised: the caller's turns are the
/// endpointer's business.
///
/// A state machine whose `process` does no I/O and returns an `Action`. It holds its canceller's buffers by
/// reference, so a copy shares them: make one detector per call.
///
/// Real-time safe: `process` and `reset` take no locks and do not allocate; `init` allocates. Audio thread only
/// (the one that processes the call's capture).
// TODO: A caller who starts in the first 700 ms of a prompt, before the delay is confirmed, must still stand 3 dB
// above the bound's term for every lag left (its highest gain seen plus 3 dB, or 6 dB before five blocks of echo):
// in constructed calls 29 of 192 such callers were found more than 100 ms after their labelled onset (worst 230 ms),
// and a caller who starts before the echo has been heard at all can teach the bound their own voice (one held-out
// call at 0.3 s on a 300 ms path was found 3.6 s late).
// TODO: On a coded line the bound test after confirmation still raises false barge-ins on the echo alone: over µ-law
// without loss a loud echo (120 ms, −10 dB) whose delay the finder placed about 16 ms short stood 2–3 dB over the
// narrowed lags' terms just after confirmation, and over A-law a quiet echo (40 ms, −18 dB) raised two or three per
// call (not explained by the codec's noise alone); a caller who speaks later in that prompt is missed.
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
        /// How far the residual must exceed the aligned far end times the learned coupling, in dB.
        public var echoMarginDB: Float = 12

        /// How far the residual must exceed its noise floor, in dB.
        public var noiseMarginDB: Float = 12

        /// The quietest residual block that can count as the caller, in dBFS.
        public var minimumLevelDBFS: Float = -55

        /// The far-end envelope below which the agent counts as silent, in dBFS.
        public var agentSilenceLevelDBFS: Float = -60

        /// Blocks the far-end envelope holds a peak before it falls towards silence, and blocks of silence after
        /// which a prompt counts as stopped (30: 300 ms).
        public var farHoldBlockCount = 30

        /// The coupling assumed before the echo is measured and after each new delay, in dB: also the highest power
        /// gain from the far end to the capture any echo path may have in any band, which the bound on the echo
        /// rests on.
        public var initialCouplingDB: Float = 6

        /// The fraction of the gap closed per block when the coupling rises: the coupling follows the peaks of
        /// the residual's ratio to the echo, so that the filter's momentary misadjustment stays under the bar.
        public var couplingRiseFraction: Float = 0.5

        /// The lowest the coupling goes, in dB: how much cancellation the detector ever trusts its filter to keep
        /// up. A short filter on changing speech loses 10 dB for a block or two; without this floor such a block
        /// would clear the bar.
        public var minimumCouplingDB: Float = -30

        /// How fast the coupling rises towards a block more than `adaptationFreezeMarginDB` above it, in dB per
        /// block (0.05: 5 dB a second): such a block may be a caller starting quietly, who must not raise the bar
        /// they are about to cross.
        public var couplingCreepDBPerBlock: Float = 0.05

        /// The fraction of the gap closed per block when the coupling falls (0.1: a time constant of 100 ms).
        public var couplingFallFraction: Float = 0.1

        /// The most the coupling falls in one block, in dB (1: from the initial bar to a converged filter's in
        /// about 300 ms).
        public var couplingFallLimitDB: Float = 1

        /// How far above the coupled far end a residual block freezes the canceller's learning for the next
        /// block (suspected double talk), in dB.
        public var adaptationFreezeMarginDB: Float = 6

        /// Candidate blocks needed within the window to raise a barge-in.
        public var onsetBlockCount = 2

        /// The window, in blocks (at most 32), the candidates are counted over.
        public var onsetWindowBlockCount = 3

        /// The longest echo delay the canceller searches, in milliseconds.
        public var maximumEchoDelayMilliseconds = 400

        /// The echo delay the device reports, in milliseconds, if it reports one: adopted from the first block
        /// instead of waiting for the delay finder (which still runs and corrects it).
        public var knownEchoDelayMilliseconds: Int?

        /// How much of the echo the filter must be seen to remove, in dB (the capture's power over the residual's
        /// while the agent's echo alone is heard), before the detector trusts the delay it was adopted at.
        public var delayConfirmationERLEDB: Float = 10

        /// Blocks of audible echo alone the filter must be measured over before its delay can be trusted.
        public var delayConfirmationBlockCount = 10

        /// How far the residual may stand above the capture on a block of audible echo alone before the filter counts
        /// as adding to the echo, in dB: such a block restarts the delay's confirmation, or withdraws it. A filter at a
        /// wrong delay can remove 10 dB of a steady vowel (the voice repeats itself every pitch period) and then adds
        /// its prediction at the next syllable (6 to 26 dB over the capture on book-echo's and urgent-barge-in-echo's
        /// wrong delays); at the right delay the residual stays under the capture.
        public var harmfulResidualMarginDB: Float = 6

        /// How far above the highest gain it has needed in a band a lag's echo may rise there, in dB, in the bound
        /// on the echo (`initialCouplingDB` is the highest gain any path may have). On the constructed calls 1 dB let
        /// the echo alone raise a barge-in on 2 of 12 paths, 2 dB on none; 3 dB keeps 2 dB in hand.
        public var boundMarginDB: Float = 3

        /// Blocks of audible echo a lag must have been seen on in a band before the bound uses its own gain there.
        public var boundTrustedBlockCount = 5

        /// How far the residual must exceed, in some band, the far end at the echo delay times that band's coupling,
        /// in dB.
        public var residualBandMarginDB: Float = 12

        /// How far under the bound on the echo the capture may stay, in some band, for a residual above the coupled
        /// echo to count as double talk and freeze the filter, in dB (6: above the loudest echo the lag has shown).
        /// A residual that rises while the capture stays under that in every band is the filter failing on sounds
        /// it has not yet learned, and it keeps learning; frozen there, it stayed wrong for the rest of the word.
        public var doubleTalkBoundMarginDB: Float = 6

        /// The most a lag's highest gain in a band may rise in one block once the bound trusts it, in dB (0.1: 10 dB
        /// a second). Without a limit a caller who starts quietly, under the bound, teaches it their voice block by
        /// block (the gain rose 6 dB in four blocks of a caller's onset) and stays under it while growing louder.
        public var boundRiseLimitDB: Float = 0.1

        /// Whether the delay finder skips the delays the bound on the echo has ruled out: on a 100 ms path it
        /// adopted 0 ms at 0.17 s, which the bound had ruled out by 0.12 s, and kept it until 0.60 s.
        public var isDelaySearchBounded = true

        /// Whether the delay follows the filter's largest tap once the filter has converged, taking the taps with
        /// it: the finder placed a 123 ms echo at 114 ms, where the filter could not reach its last tap and lost its
        /// cancellation on new sounds (a false barge-in at 1.64 s at 8 kHz).
        public var isDelayRecentered = true

        /// Whether, once the delay is confirmed, the capture is judged against the bound's lags at that delay (3 ms
        /// either side) instead of every lag left: the confirmation says where the echo is.
        public var isBoundNarrowedOnConfirmation = true

        /// How loud the residual of the echo alone can stand over the echo the filter predicts, in dB, because the
        /// line's codec changed the echo in a way no linear filter follows; −∞ (the default) on a line that keeps the
        /// waveform. The residual test asks that the residual stand above it: a codec's coding noise is in proportion
        /// to the echo it codes, so echo through a codec leaves a residual of about the predicted echo's level less
        /// the codec's signal-to-noise ratio, and only a caller rises above that.
        public var codingNoiseDB: Float = -.infinity

        /// The default configuration.
        public init() {}
    }

    /// The thresholds in use.
    public let configuration: Configuration

    /// The speech decision, asked about the residual of every block.
    public private(set) var classifier: Classifier

    /// The learned echo coupling in dB: residual power over the aligned far end during echo alone.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var echoCouplingDB: Float

    /// The tracked noise floor of the residual, in dBFS.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var noiseFloorDBFS: Float = -70

    /// Whether a barge-in was raised and the agent has not yet fallen silent.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var hasBargedIn = false

    /// The echo delay the detector's canceller adopted, in milliseconds (the whole path from the reference to the
    /// capture), or `nil` before one is found.
    ///
    /// Real-time safe: no locks, no allocation.
    public var echoDelayMilliseconds: Int? { self.canceller.delayMilliseconds }

    /// Whether the echo delay in use has been confirmed: the filter at that delay was seen to remove at least
    /// `delayConfirmationERLEDB` of the echo (a delay the device reports counts as confirmed from the start). Until
    /// then the capture is judged against `BargeInEchoBound`, not against the aligned far end, so that a wrong delay
    /// cannot let the echo through.
    ///
    /// Real-time safe: no locks, no allocation.
    public private(set) var isEchoDelayConfirmed = false

    /// The far-end envelope of the last block, in dBFS (for tests and diagnostics).
    ///
    /// Real-time safe: no locks, no allocation.
    public var farEnvelopeDBFS: Float { Self.decibels(power: self.farEnvelopePower) }

    let canceller: BargeInEchoCanceller
    let echoBound: BargeInEchoBound
    private let noiseMargin: Float
    private let residualBandMargin: Float
    private let doubleTalkBoundMargin: Float
    private let minimumCoupling: Float
    private var farEnvelopePower: Float = 0
    private var alignedEnvelopePower: Float = 0
    private var farHoldRemaining = 0
    private var silentBlockCount = 0
    private var candidateHistory: UInt32 = 0
    private var loudHistory: UInt32 = 0
    private var echoCapturePower: Float = 0
    private var echoResidualPower: Float = 0
    private var echoBlockCount = 0
    private var adoptionCount = 0

    /// Makes a detector for `frameCount`-frame blocks (10 ms) at `sampleRate` that listens from the first block.
    ///
    /// Not real-time safe: allocates the canceller (about 100 KB at 16 kHz). Control thread only.
    ///
    /// - Precondition: `sampleRate` a multiple of 500; `onsetBlockCount` in 1...`onsetWindowBlockCount`, the window
    ///   at most 32 blocks.
    public init(sampleRate: Int, configuration: Configuration = Configuration(), classifier: Classifier) {
        precondition(
            (1...32).contains(configuration.onsetWindowBlockCount)
                && (1...configuration.onsetWindowBlockCount).contains(configuration.onsetBlockCount),
            "onsetBlockCount must be 1...onsetWindowBlockCount and the window 1...32 blocks")
        self.configuration = configuration
        self.classifier = classifier
        self.echoCouplingDB = configuration.initialCouplingDB
        var cancellerConfiguration = BargeInEchoCanceller.Configuration()
        cancellerConfiguration.maximumDelayMilliseconds = configuration.maximumEchoDelayMilliseconds
        cancellerConfiguration.knownDelayMilliseconds = configuration.knownEchoDelayMilliseconds
        self.canceller = BargeInEchoCanceller(
            sampleRate: sampleRate, frameCount: sampleRate / 100, configuration: cancellerConfiguration)
        self.noiseMargin = powf(10, configuration.noiseMarginDB / 10)
        self.residualBandMargin = powf(10, configuration.residualBandMarginDB / 10)
        self.doubleTalkBoundMargin = powf(10, configuration.doubleTalkBoundMarginDB / 10)
        self.minimumCoupling = powf(10, configuration.minimumCouplingDB / 10)
        self.echoBound = BargeInEchoBound(
            sampleRate: sampleRate, frameCount: sampleRate / 100,
            maximumDelayFrameCount: sampleRate * configuration.maximumEchoDelayMilliseconds / 1000,
            tailFrameCount: sampleRate * cancellerConfiguration.filterMilliseconds / 1000,
            gainBound: powf(10, configuration.initialCouplingDB / 10),
            trustMargin: powf(10, configuration.boundMarginDB / 10),
            trustedObservationCount: configuration.boundTrustedBlockCount)
        self.echoBound.riseLimit = powf(10, configuration.boundRiseLimitDB / 10)
        // A delay the device reports is trusted from the start; one the finder adopts later is not.
        self.canceller.isRecentering = configuration.isDelayRecentered
        self.adoptionCount = self.canceller.adoptionCount
        self.isEchoDelayConfirmed = self.canceller.delayFrameCount != nil
    }

    /// Judges one block.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameters:
    ///   - capture: the raw capture block, before `VoiceProcessor.processCapture(_:)` changes it: 10 ms.
    ///   - reference: the far-end block handed to `VoiceProcessor.analyzeRender(_:)` for the same 10 ms, the same
    ///     length as `capture` (silence when the agent is quiet).
    ///   - sampleTime: the frame index of the block's first frame on the call's capture clock.
    ///   - isConcealed: whether the packet decoder that made `capture` concealed a lost packet in it (or is still
    ///     recovering from one): such a block is neither the echo the filter and the bounds learn from nor evidence
    ///     of the caller, since its audio is the decoder's guess. It still moves the onset window on.
    /// - Returns: `.bargeIn` once per prompt, on the block that completes the onset.
    /// - Complexity: O(capture.count × filter taps).
    public mutating func process(
        capture: UnsafeBufferPointer<Float>, reference: UnsafeBufferPointer<Float>, sampleTime: Int64,
        isConcealed: Bool = false
    ) -> Action {
        let config = self.configuration
        let referencePower = Self.meanSquare(reference)
        self.updateFarEnvelope(power: referencePower)
        self.echoBound.append(reference: reference)
        self.echoBound.measure(capture: capture)
        let farDB = Self.decibels(power: self.farEnvelopePower)
        let isAgentSilent = farDB <= config.agentSilenceLevelDBFS
        let alignedPower = self.canceller.filter(capture: capture, reference: reference)
        if self.canceller.adoptionCount != self.adoptionCount {
            // A new delay: the taps start again from nothing, so the bar goes back above the raw echo, and the
            // delay is not trusted until the filter is seen to cancel at it. A move away from a confirmed delay
            // means the path itself changed: what the bound learned of the old one no longer holds either.
            if self.isEchoDelayConfirmed {
                self.echoBound.forgetLags()
            }
            self.adoptionCount = self.canceller.adoptionCount
            self.echoCouplingDB = max(self.echoCouplingDB, config.initialCouplingDB)
            self.echoBound.forgetResidualCoupling()
            self.forgetConfirmation()
        }
        let residual = self.canceller.residual
        let residualPower = Self.meanSquare(residual)
        let residualDB = Self.decibels(power: residualPower)
        let capturePower = Self.meanSquare(capture)
        let captureDB = Self.decibels(power: capturePower)
        let isSpeech = self.classifier.isSpeech(residual)
        self.echoBound.measure(residual: residual)

        // The agent is silent: forget any onset, and re-arm once the prompt has been silent long enough.
        guard !isAgentSilent else {
            self.canceller.learn(capture: capture, isFrozen: true)
            self.candidateHistory = 0
            self.loudHistory = 0
            self.silentBlockCount += 1
            if self.silentBlockCount >= config.farHoldBlockCount {
                self.hasBargedIn = false
            }
            if !isConcealed {
                self.updateNoiseFloor(residualDB)
                self.echoBound.updateFloor()
            }
            self.echoBound.forgetLagsIfEveryOneRuledOut()
            return .none
        }
        self.silentBlockCount = 0

        // A concealed block is the decoder's guess, not the line: nothing learns from it and it counts for no one.
        guard !isConcealed else {
            self.canceller.learn(capture: capture, isFrozen: true)
            self.candidateHistory = (self.candidateHistory << 1) & self.onsetWindowMask
            self.loudHistory = (self.loudHistory << 1) & self.onsetWindowMask
            return .none
        }

        // The capture is judged against the bound on the echo, band by band, which holds whatever the delay (a
        // wrong delay's aligned far end says nothing about where the echo is): a capture over it in any band is
        // something besides the echo, so nothing learns from it. Once the filter has proved its delay, the residual
        // is judged too, against the aligned far end times the coupling, in total and in some band.
        // No single lag left may explain the capture; once the delay is confirmed, only the lags at it count.
        var confirmedLags: ClosedRange<Int>?
        if config.isBoundNarrowedOnConfirmation, self.isEchoDelayConfirmed, let delay = self.canceller.delayFrameCount {
            let slack = capture.count * 3 / 10
            confirmedLags = max(delay - slack, 0) / capture.count...(delay + slack) / capture.count
        }
        let exceedsBound = self.echoBound.exceedsEveryLag(floorMargin: self.noiseMargin, within: confirmedLags)
        let isBeyondEcho: Bool
        var echoDB: Float = 0
        if let delay = self.canceller.delayFrameCount {
            // The echo's own envelope: the aligned far end, released by 3 dB a block to cover the room's tail.
            self.alignedEnvelopePower = max(alignedPower, self.alignedEnvelopePower * 0.5)
            echoDB = Self.decibels(power: self.alignedEnvelopePower)
            let coupledEchoDB = echoDB + self.echoCouplingDB
            // A residual over the coupled echo is double talk only if the capture, in some band, also reaches the
            // loudest echo the bound has seen there; otherwise it is the filter meeting sounds it has not learned.
            let isDoubleTalk =
                residualDB > coupledEchoDB + config.adaptationFreezeMarginDB
                && any(self.echoBound.exceedingBands(floorMargin: self.noiseMargin, below: self.doubleTalkBoundMargin))
            self.canceller.learn(
                capture: capture, isFrozen: isDoubleTalk || exceedsBound, ruledOutBlockDelays: self.ruledOutDelays)
            // The band test counts no band above the capture (`residualExceedingBands`): what the filter added there
            // is its own prediction. Capping the total too delayed callers found at a confirmed delay (to 120 ms).
            let isResidualBeyondEcho =
                self.isEchoDelayConfirmed && residualDB > coupledEchoDB + config.echoMarginDB
                && any(
                    self.echoBound.residualExceedingBands(
                        delayFrameCount: delay, margin: self.residualBandMargin, floorMargin: self.noiseMargin))
                && self.isAboveCodingNoise(capture: capture, residual: residual, residualDB: residualDB)
            isBeyondEcho = exceedsBound || isResidualBeyondEcho
        } else {
            self.canceller.learn(
                capture: capture, isFrozen: exceedsBound, ruledOutBlockDelays: self.ruledOutDelays)
            isBeyondEcho = exceedsBound
        }
        let isLoud =
            isBeyondEcho && residualDB > self.noiseFloorDBFS + config.noiseMarginDB
            && residualDB > config.minimumLevelDBFS
        let isCandidate = isLoud && isSpeech
        self.candidateHistory = ((self.candidateHistory << 1) | (isCandidate ? 1 : 0)) & self.onsetWindowMask
        self.loudHistory = ((self.loudHistory << 1) | (isLoud ? 1 : 0)) & self.onsetWindowMask

        if self.loudHistory == 0 {
            // Echo alone (as far as the power tests can tell): learn the coupling and the floor from it.
            // Before a delay is found the coupling holds at `initialCouplingDB`: the blocks between the agent's
            // first word and its echo's arrival would otherwise teach it a coupling of silence. The bound learns
            // from every such block: the gains the echo it hears needs, and the caps its quiet bands set.
            if let delay = self.canceller.delayFrameCount {
                self.learnCoupling(residualDB - echoDB)
                self.echoBound.learnResidualCoupling(delayFrameCount: delay, minimumCoupling: self.minimumCoupling)
                self.measureCancellation(capturePower: capturePower, residualPower: residualPower, captureDB: captureDB)
            }
            self.echoBound.learn(floorMargin: self.noiseMargin)
            self.updateNoiseFloor(residualDB)
            self.echoBound.updateFloor()
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

    /// Whether the residual stands `codingNoiseDB` above the echo the filter predicts (the capture less the
    /// residual); always on a line that keeps the waveform, where nothing is computed.
    private func isAboveCodingNoise(
        capture: UnsafeBufferPointer<Float>, residual: UnsafeBufferPointer<Float>, residualDB: Float
    ) -> Bool {
        guard self.configuration.codingNoiseDB > -.infinity else { return true }
        var predictedEnergy: Float = 0
        for index in 0..<min(capture.count, residual.count) {
            let predicted = capture[index] - residual[index]
            predictedEnergy += predicted * predicted
        }
        let predictedDB = Self.decibels(power: predictedEnergy / Float(max(capture.count, 1)))
        return residualDB > predictedDB + self.configuration.codingNoiseDB
    }

    /// The bits of the onset window: one per block, the newest lowest.
    private var onsetWindowMask: UInt32 {
        let count = self.configuration.onsetWindowBlockCount
        return count == 32 ? .max : (1 << count) - 1
    }

    /// The delays the bound on the echo has ruled out, for the delay finder, unless the configuration says not to.
    private var ruledOutDelays: UnsafeBufferPointer<Bool> {
        guard self.configuration.isDelaySearchBounded else { return UnsafeBufferPointer(start: nil, count: 0) }
        return self.echoBound.ruledOutLags
    }

    /// Forgets everything learned, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation.
    public mutating func reset() {
        self.echoCouplingDB = self.configuration.initialCouplingDB
        self.noiseFloorDBFS = -70
        self.hasBargedIn = false
        self.farEnvelopePower = 0
        self.alignedEnvelopePower = 0
        self.farHoldRemaining = 0
        self.silentBlockCount = 0
        self.candidateHistory = 0
        self.loudHistory = 0
        self.forgetConfirmation()
        self.canceller.reset()
        self.echoBound.reset()
        self.adoptionCount = self.canceller.adoptionCount
        self.isEchoDelayConfirmed = self.canceller.delayFrameCount != nil
    }

    /// Tracks the echo return loss enhancement on a block of echo alone (the capture's power over the residual's,
    /// smoothed over about 100 ms) and confirms the delay once it is high enough over enough blocks. Only blocks
    /// where the echo stands above the noise count: a quiet one says nothing about the filter.
    ///
    /// A block whose residual stands `harmfulResidualMarginDB` above the capture shows a filter that adds to the echo:
    /// the measurement starts again, and a confirmed delay is no longer trusted until it is confirmed anew.
    private mutating func measureCancellation(capturePower: Float, residualPower: Float, captureDB: Float) {
        guard captureDB > self.noiseFloorDBFS + self.configuration.noiseMarginDB else { return }
        if Self.decibels(power: residualPower) > captureDB + self.configuration.harmfulResidualMarginDB {
            self.forgetConfirmation()
            return
        }
        guard !self.isEchoDelayConfirmed else { return }
        let smoothing: Float = 0.1
        self.echoCapturePower += smoothing * (capturePower - self.echoCapturePower)
        self.echoResidualPower += smoothing * (residualPower - self.echoResidualPower)
        self.echoBlockCount += 1
        let enhancementDB =
            Self.decibels(power: self.echoCapturePower) - Self.decibels(power: self.echoResidualPower)
        if self.echoBlockCount >= self.configuration.delayConfirmationBlockCount
            && enhancementDB >= self.configuration.delayConfirmationERLEDB
        {
            self.isEchoDelayConfirmed = true
        }
    }

    private mutating func forgetConfirmation() {
        self.isEchoDelayConfirmed = false
        self.echoCapturePower = 0
        self.echoResidualPower = 0
        self.echoBlockCount = 0
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
            let gap = ratioDB - self.echoCouplingDB
            // A block well above the bar may be the quiet start of a caller: creep, do not jump, towards it.
            self.echoCouplingDB +=
                gap > self.configuration.adaptationFreezeMarginDB
                ? min(gap, self.configuration.couplingCreepDBPerBlock) : gap * self.configuration.couplingRiseFraction
        }
        self.echoCouplingDB = max(self.echoCouplingDB, self.configuration.minimumCouplingDB)
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
        guard let samples = block.baseAddress, !block.isEmpty else { return 0 }
        return BargeInKernels.sumOfSquares(samples, count: block.count) / Float(block.count)
    }

    /// 10·log10(power), floored at −120 dB for silence.
    static func decibels(power: Float) -> Float {
        power > 1e-12 ? 10 * log10f(power) : -120
    }
}

extension BargeInDetector where Classifier == VoiceActivityClassifier {
    /// Makes a detector whose speech decision is Attendant's own voice-activity detector on the residual.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `VoiceActivityError.unsupportedSampleRate` unless `sampleRate` is 8000 or 16000.
    public init(sampleRate: Int, configuration: Configuration = Configuration()) throws(VoiceActivityError) {
        try self.init(
            sampleRate: sampleRate, configuration: configuration,
            classifier: VoiceActivityClassifier(sampleRate: sampleRate))
    }
}

import AudioCore
import Synchronization

/// One call's webrtc audio processing: high-pass filter, noise suppression, adaptive digital gain and, in the
/// `headset` profile, acoustic echo cancellation against the agent's own outgoing audio.
///
/// The processor works in mono 10 ms blocks (`frameCount` frames) at its rate. Making it allocates everything;
/// `processCapture(_:)` and `analyzeRender(_:)` then run on the call's audio thread and never allocate, throw or
/// log. A block webrtc refuses (or one of the wrong length) is left as it came and counted in
/// `failedBlockCount`, which the control side reads.
///
/// Every second of capture the processor asks webrtc for the echo canceller's delay estimate and loss figures on
/// the audio thread (webrtc guards them with the lock `processCapture` takes, so asking from another thread
/// would contend with it) and publishes them in atomics that `echoMetrics` reads from any thread.
///
/// Thread rule: `processCapture`, `analyzeRender`, `hasVoice` and `hasEcho` on one audio thread at a time; the
/// counters, `echoMetrics` and `streamDelayMilliseconds` from any thread.
///
/// `@unchecked Sendable`: the webrtc instance is touched only by the audio thread (the rule above); everything
/// other threads read or write is an atomic.
public final class VoiceProcessor: @unchecked Sendable {
    /// The rates webrtc processes.
    public static let supportedSampleRates = [8000, 16000, 32000, 48000]

    /// Capture blocks between two polls of the echo metrics: one second.
    static let metricsIntervalBlockCount = 100

    /// What the processor was made with.
    public let configuration: Configuration

    /// The mono format of both streams.
    public let format: AudioFormat

    /// Frames in one 10 ms block, the only length the processor takes.
    public let frameCount: Int

    private let handle: WebRTCProcessorHandle
    private var blocksSinceMetrics = 0

    private let failedBlocks = Atomic<Int>(0)
    private let lastErrorCode = Atomic<Int32>(0)
    private let streamDelay: Atomic<Int32>
    private let medianDelay = Atomic<Int32>(-1)
    private let delayDeviation = Atomic<Int32>(-1)
    private let poorDelayBits = Atomic<UInt32>(Float(-1).bitPattern)
    private let echoReturnLoss = Atomic<Int32>(-100)
    private let echoReturnLossEnhancement = Atomic<Int32>(-100)

    /// Makes and configures the webrtc instance.
    ///
    /// Not real-time safe: control thread only; allocates (about 35 KB without the echo canceller and 370 KB
    /// with it; `attendant-bench --only apm` measures it).
    ///
    /// - Throws: `VoiceProcessingError.unsupportedSampleRate` for a rate webrtc lacks (22050, 44100),
    ///   `.invalidSetting` for a value out of range, `.library` when webrtc refuses the configuration.
    public init(_ configuration: Configuration) throws(VoiceProcessingError) {
        let (config, tuning) = try configuration.shimSettings()
        do {
            self.handle = try WebRTCProcessorHandle(config: config, tuning: tuning)
        } catch {
            throw .library(error)
        }
        self.configuration = configuration
        self.format = try! AudioFormat(sampleRate: configuration.sampleRate, channelCount: 1)
        self.frameCount = self.handle.frameCount
        self.streamDelay = Atomic(Int32(configuration.streamDelayMilliseconds))
    }

    /// Makes a processor for `profile` at `sampleRate` with every other setting at its default.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: as `init(_:)`.
    public convenience init(
        profile: VoiceProcessingProfile, sampleRate: Int, noiseSuppressionLevel: NoiseSuppressionLevel = .moderate
    ) throws(VoiceProcessingError) {
        var configuration = Configuration(profile: profile, sampleRate: sampleRate)
        configuration.noiseSuppressionLevel = noiseSuppressionLevel
        try self.init(configuration)
    }

    /// Processes one block of the caller's (near-end) audio in place.
    ///
    /// With the echo canceller on, feed the matching far-end blocks to `analyzeRender(_:)` first.
    ///
    /// Real-time safe: no allocation, no logging; webrtc takes an uncontended lock inside. Audio thread only.
    ///
    /// - Parameter block: `frameCount` samples in -1...1.
    /// - Returns: `false` when the block was refused (wrong length, webrtc error) and left unprocessed; the
    ///   refusal is counted in `failedBlockCount`.
    /// - Complexity: O(frameCount).
    @discardableResult
    public func processCapture(_ block: UnsafeMutableBufferPointer<Float>) -> Bool {
        guard block.count == self.frameCount else {
            return self.fail(WebRTCError.badDataLength.rawValue)
        }
        if self.configuration.isEchoCancellationEnabled {
            // webrtc forgets the delay after each block and refuses the next without one.
            // Relaxed: a single value; the next block sees a change soon enough.
            _ = self.handle.setStreamDelay(milliseconds: self.streamDelay.load(ordering: .relaxed))
        }
        let status = self.handle.processCapture(block)
        if self.configuration.isEchoCancellationEnabled {
            self.blocksSinceMetrics += 1
            if self.blocksSinceMetrics >= Self.metricsIntervalBlockCount {
                self.blocksSinceMetrics = 0
                self.publishEchoMetrics()
            }
        }
        return status == 0 ? true : self.fail(status)
    }

    /// Hands one block of the agent's outgoing (far-end) audio to the echo canceller as its reference.
    ///
    /// Call it once per block of audio played, before the capture block that may hold its echo. Without the
    /// echo canceller it does nothing and returns `true`.
    ///
    /// Real-time safe: no allocation, no logging; webrtc takes an uncontended lock inside. Audio thread only.
    ///
    /// - Returns: `false` when the block was refused; counted in `failedBlockCount`.
    /// - Complexity: O(frameCount).
    @discardableResult
    public func analyzeRender(_ block: UnsafeBufferPointer<Float>) -> Bool {
        guard self.configuration.isEchoCancellationEnabled else { return true }
        guard block.count == self.frameCount else {
            return self.fail(WebRTCError.badDataLength.rawValue)
        }
        let status = self.handle.analyzeRender(block)
        return status == 0 ? true : self.fail(status)
    }

    /// Whether webrtc's voice detector heard voice in the last capture block (`false` unless
    /// `isVoiceDetectionEnabled`).
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    public var hasVoice: Bool { self.handle.hasVoice }

    /// Whether the echo canceller judged that the last capture block might hold echo.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    public var hasEcho: Bool { self.handle.hasEcho }

    /// The device's delay from `analyzeRender` to the echo in `processCapture`, in milliseconds, as the echo
    /// canceller is told it (0...500; values outside are clamped).
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next capture block.
    public var streamDelayMilliseconds: Int {
        get { Int(self.streamDelay.load(ordering: .relaxed)) }
        set {
            let range = Configuration.streamDelayRange
            // Relaxed: a single value that carries no other data with it.
            self.streamDelay.store(Int32(min(max(newValue, range.lowerBound), range.upperBound)), ordering: .relaxed)
        }
    }

    /// Blocks refused since the processor was made: wrong length, or an error from webrtc.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var failedBlockCount: Int { self.failedBlocks.load(ordering: .relaxed) }

    /// webrtc's code for the most recent refusal, or `nil` when no block was refused.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var lastError: WebRTCError? {
        let code = self.lastErrorCode.load(ordering: .relaxed)
        return code == 0 ? nil : WebRTCError(rawValue: code)
    }

    /// The echo canceller's last published delay estimate and loss figures (all `nil` in the `line` profile).
    ///
    /// Each field is published on its own, so a read racing a publish may mix two consecutive seconds.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var echoMetrics: EchoMetrics {
        // Relaxed: each figure stands alone; nothing else is published with it.
        let median = self.medianDelay.load(ordering: .relaxed)
        let deviation = self.delayDeviation.load(ordering: .relaxed)
        let poor = Float(bitPattern: self.poorDelayBits.load(ordering: .relaxed))
        let loss = self.echoReturnLoss.load(ordering: .relaxed)
        let enhancement = self.echoReturnLossEnhancement.load(ordering: .relaxed)
        return EchoMetrics(
            medianDelayMilliseconds: median >= 0 ? Int(median) : nil,
            delayStandardDeviationMilliseconds: deviation >= 0 ? Int(deviation) : nil,
            fractionPoorDelays: poor >= 0 ? poor : nil,
            echoReturnLossDB: loss > -100 ? Int(loss) : nil,
            echoReturnLossEnhancementDB: enhancement > -100 ? Int(enhancement) : nil)
    }

    /// Polls webrtc's echo figures and stores them for other threads.
    private func publishEchoMetrics() {
        let delay = self.handle.delayMetrics()
        if delay.status == 0 {
            // Relaxed: see `echoMetrics`.
            self.medianDelay.store(delay.median, ordering: .relaxed)
            self.delayDeviation.store(delay.standardDeviation, ordering: .relaxed)
            self.poorDelayBits.store(delay.fractionPoor.bitPattern, ordering: .relaxed)
        }
        let echo = self.handle.echoMetrics()
        if echo.status == 0 {
            self.echoReturnLoss.store(echo.metrics.echoReturnLoss, ordering: .relaxed)
            self.echoReturnLossEnhancement.store(echo.metrics.echoReturnLossEnhancement, ordering: .relaxed)
        }
    }

    /// Counts a refused block and keeps its code; returns `false` for the caller to return.
    private func fail(_ code: Int32) -> Bool {
        // Relaxed: counters read for reports; no other memory is published with them.
        self.failedBlocks.add(1, ordering: .relaxed)
        self.lastErrorCode.store(code, ordering: .relaxed)
        return false
    }
}

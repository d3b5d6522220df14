/// Converts a stream of samples from one rate to another with speexdsp's windowed-sinc resampler.
///
/// Two phases, as everywhere on the audio path: `init` allocates the filter and its history; `process` then runs
/// over caller-provided buffers, one block at a time, and never allocates, locks or throws. It returns how many
/// frames it consumed and produced; given an output buffer of `maximumOutputFrameCount(forInputFrameCount:)`
/// frames it always consumes the whole input.
///
/// The output lags the input by `latencyFrameCount` output frames (the filter's half-length). Call
/// `skipLeadingLatency()` before the first block to drop that lag from the output, and feed
/// `inputLatencyFrameCount` frames of silence with `processSilence` at the end to drain the tail; a whole file
/// then comes out time-aligned and of the expected length.
///
/// Samples are interleaved when `channelCount` is above 1.
///
/// `@unchecked Sendable`: a resampler has one owner at a time. It is made on the control thread and handed to
/// the audio thread, which alone calls `process` and `reset`; nothing in it is shared between threads, but the
/// compiler cannot see that hand-over, so the owner keeps the rule.
public final class Resampler: @unchecked Sendable {
    /// The rates the resampler converts between, any pair, in hertz: telephony (8 kHz), wideband speech (16 kHz),
    /// and the usual file and device rates.
    public static let supportedSampleRates = [8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]

    /// The channel counts the resampler takes.
    public static let supportedChannelCounts = 1...8

    /// speexdsp's quality scale: 0 is cheapest, 10 is best.
    public static let supportedQualities = 0...10

    /// The quality used unless told otherwise: 5, chosen for telephony speech.
    ///
    /// The telephone band reaches 3.4 kHz, close to the 4 kHz Nyquist limit of 8 kHz audio, and that edge is where
    /// the qualities differ. Measured in release mode (the `attendant-bench` resampler table), a 3.4 kHz sine
    /// through 8→16 kHz keeps 102 dB SNR at quality 5 but only 30 dB at quality 3 (speexdsp's "VoIP" setting,
    /// whose filter rolls off inside the band) and 86 dB at 4; through 16→8 kHz, 67 dB at 5 against 19 dB at 3.
    /// Quality 5 costs 1.1–1.7 µs per 10 ms block for 8↔16 kHz, 3.3–3.8 µs for 48→16 kHz and about 21 µs for
    /// 44.1→16 kHz: under 0.25 % of one core. Above 5 the cost doubles by 9 for accuracy no 16-bit signal holds.
    public static let defaultQuality = 5

    /// Frames per second of the input.
    public let inputSampleRate: Int
    /// Frames per second of the output.
    public let outputSampleRate: Int
    /// Samples per frame, in both input and output.
    public let channelCount: Int
    /// The speexdsp quality, 0…10.
    public let quality: Int

    private let speex: SpeexResampler

    /// The frames `process` consumed and produced in one call.
    public struct Progress: Hashable, Sendable {
        /// Input frames consumed; less than given only when the output buffer was too small.
        public var consumedFrameCount: Int
        /// Output frames written to the front of the output buffer.
        public var producedFrameCount: Int
    }

    /// Makes a resampler and allocates its filter.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameters:
    ///   - inputSampleRate: one of `supportedSampleRates`.
    ///   - outputSampleRate: one of `supportedSampleRates`; may equal the input rate (the filter still runs).
    ///   - channelCount: samples per frame, 1…8.
    ///   - quality: speexdsp quality, 0…10; `defaultQuality` unless told otherwise.
    /// - Throws: `ResamplerError.unsupportedSampleRate`, `.unsupportedChannelCount`, `.unsupportedQuality`, or
    ///   `.library` when speexdsp cannot allocate its state.
    public convenience init(
        inputSampleRate: Int, outputSampleRate: Int, channelCount: Int = 1, quality: Int = Resampler.defaultQuality
    ) throws(ResamplerError) {
        for rate in [inputSampleRate, outputSampleRate] where !Self.supportedSampleRates.contains(rate) {
            throw .unsupportedSampleRate(rate)
        }
        try self.init(
            checkedInputSampleRate: inputSampleRate, outputSampleRate: outputSampleRate, channelCount: channelCount,
            quality: quality)
    }

    /// Makes a resampler between rates the caller has already checked, for `ResamplerNode`, whose list of rates
    /// (the graph's, with 12 kHz for Opus) differs from `supportedSampleRates`. speexdsp itself takes any rate.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `ResamplerError.unsupportedChannelCount`, `.unsupportedQuality`, or `.library`.
    init(
        checkedInputSampleRate inputSampleRate: Int, outputSampleRate: Int, channelCount: Int, quality: Int
    ) throws(ResamplerError) {
        guard Self.supportedChannelCounts.contains(channelCount) else { throw .unsupportedChannelCount(channelCount) }
        guard Self.supportedQualities.contains(quality) else { throw .unsupportedQuality(quality) }

        self.inputSampleRate = inputSampleRate
        self.outputSampleRate = outputSampleRate
        self.channelCount = channelCount
        self.quality = quality
        self.speex = try SpeexResampler.make(
            channelCount: channelCount, inputSampleRate: inputSampleRate, outputSampleRate: outputSampleRate,
            quality: quality
        ).get()
    }

    /// Resamples one block of interleaved float frames into the caller's buffer.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - input: `channelCount` samples per frame; a trailing partial frame is ignored.
    ///   - output: room for the produced frames; with `maximumOutputFrameCount(forInputFrameCount:)` frames the
    ///     whole input is always consumed.
    /// - Returns: the frames consumed from `input` and written to the front of `output`.
    /// - Complexity: O(input frames × filter length); the filter length grows with `quality`.
    public func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>)
        -> Progress
    {
        guard let outputBase = output.baseAddress else { return Progress(consumedFrameCount: 0, producedFrameCount: 0) }
        let counts = self.speex.process(
            input: input.baseAddress, inputFrameCount: input.count / self.channelCount, output: outputBase,
            outputFrameCount: output.count / self.channelCount)
        return Progress(consumedFrameCount: counts.consumed, producedFrameCount: counts.produced)
    }

    /// Resamples one block of interleaved 16-bit frames into the caller's buffer; speexdsp rounds and clips.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Returns: the frames consumed from `input` and written to the front of `output`.
    /// - Complexity: O(input frames × filter length).
    public func process(_ input: UnsafeBufferPointer<Int16>, into output: UnsafeMutableBufferPointer<Int16>)
        -> Progress
    {
        guard let outputBase = output.baseAddress else { return Progress(consumedFrameCount: 0, producedFrameCount: 0) }
        let counts = self.speex.process(
            input: input.baseAddress, inputFrameCount: input.count / self.channelCount, output: outputBase,
            outputFrameCount: output.count / self.channelCount)
        return Progress(consumedFrameCount: counts.consumed, producedFrameCount: counts.produced)
    }

    /// Feeds `frameCount` frames of silence, for draining the filter's tail at the end of a stream.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Returns: the silent frames consumed and the frames written to the front of `output`.
    /// - Complexity: O(frameCount × filter length).
    public func processSilence(frameCount: Int, into output: UnsafeMutableBufferPointer<Float>) -> Progress {
        guard let outputBase = output.baseAddress else { return Progress(consumedFrameCount: 0, producedFrameCount: 0) }
        let counts = self.speex.process(
            input: nil, inputFrameCount: frameCount, output: outputBase,
            outputFrameCount: output.count / self.channelCount)
        return Progress(consumedFrameCount: counts.consumed, producedFrameCount: counts.produced)
    }

    /// Clears the filter history, as if no frame had been processed; the next output starts with the latency
    /// again.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(channelCount × filter length).
    public func reset() {
        self.speex.reset()
    }

    /// Drops the leading `latencyFrameCount` output frames, so the first output frame lines up with the first
    /// input frame. Call it before the first block (or right after `reset()`).
    ///
    /// Real-time safe: no locks, no allocation.
    public func skipLeadingLatency() {
        self.speex.skipZeros()
    }

    /// Output frames by which the output lags the input (`speex_resampler_get_output_latency`).
    ///
    /// speexdsp rounds the lag to a whole output frame. It is exact when one rate is a multiple of the other
    /// (8↔16, 16↔48 kHz); for 44.1→16 kHz the true lag is 40.6 frames and this says 41, so shifting by it leaves
    /// up to half a frame of misalignment. `skipLeadingLatency()` aligns exactly.
    ///
    /// Real-time safe: no locks, no allocation.
    public var latencyFrameCount: Int { self.speex.outputLatency }

    /// Input frames the filter holds back (`speex_resampler_get_input_latency`): feed this many frames of
    /// silence at the end of a stream to flush the last real frames out.
    ///
    /// Real-time safe: no locks, no allocation.
    public var inputLatencyFrameCount: Int { self.speex.inputLatency }

    /// The most frames one `process` call can produce from `inputFrameCount` input frames.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1).
    public func maximumOutputFrameCount(forInputFrameCount inputFrameCount: Int) -> Int {
        Self.maximumOutputFrameCount(
            inputFrameCount: inputFrameCount, inputSampleRate: self.inputSampleRate,
            outputSampleRate: self.outputSampleRate)
    }

    /// The most frames one `process` call can produce from `inputFrameCount` input frames at these rates: the
    /// exact ratio rounded up, plus one frame for the filter's fractional phase.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(1).
    public static func maximumOutputFrameCount(inputFrameCount: Int, inputSampleRate: Int, outputSampleRate: Int)
        -> Int
    {
        guard inputFrameCount > 0, inputSampleRate > 0, outputSampleRate > 0 else { return 0 }
        return (inputFrameCount * outputSampleRate + inputSampleRate - 1) / inputSampleRate + 1
    }
}

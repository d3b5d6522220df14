import CSpeexDSP

/// Every call into speexdsp's resampler goes through this file; the rest of the module sees Swift types.
///
/// Owns one `SpeexResamplerState` and frees it on release. Lengths are frames per channel, as speexdsp counts
/// them.
final class SpeexResampler {
    private let state: OpaquePointer
    private let channelCount: Int

    /// Creates the state (`speex_resampler_init`), which allocates the filter and its history.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Returns: the resampler, or speexdsp's error code and message when the library refuses.
    static func make(
        channelCount: Int, inputSampleRate: Int, outputSampleRate: Int, quality: Int
    ) -> Result<SpeexResampler, ResamplerError> {
        var code: Int32 = 0
        let state = speex_resampler_init(
            UInt32(channelCount), UInt32(inputSampleRate), UInt32(outputSampleRate), Int32(quality), &code)
        guard let state, code == Int32(RESAMPLER_ERR_SUCCESS) else {
            if let state { speex_resampler_destroy(state) }
            return .failure(.library(code: code, message: Self.message(forCode: code)))
        }
        return .success(SpeexResampler(state: state, channelCount: channelCount))
    }

    private init(state: OpaquePointer, channelCount: Int) {
        self.state = state
        self.channelCount = channelCount
    }

    deinit {
        speex_resampler_destroy(self.state)
    }

    /// speexdsp's message for an error code (`speex_resampler_strerror`).
    static func message(forCode code: Int32) -> String {
        String(cString: speex_resampler_strerror(code))
    }

    /// Resamples interleaved frames (`speex_resampler_process_float`, or the interleaved variant for more than
    /// one channel). A `nil` input feeds silence, which drains the filter at the end of a stream.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Returns: frames consumed from the input and frames written to the output.
    @inline(__always)
    func process(
        input: UnsafePointer<Float>?, inputFrameCount: Int, output: UnsafeMutablePointer<Float>, outputFrameCount: Int
    ) -> (consumed: Int, produced: Int) {
        var inputLength = UInt32(clamping: inputFrameCount)
        var outputLength = UInt32(clamping: outputFrameCount)
        if self.channelCount == 1 {
            speex_resampler_process_float(self.state, 0, input, &inputLength, output, &outputLength)
        } else {
            speex_resampler_process_interleaved_float(self.state, input, &inputLength, output, &outputLength)
        }
        return (Int(inputLength), Int(outputLength))
    }

    /// As the float `process`, for 16-bit samples (`speex_resampler_process_int` and its interleaved variant).
    ///
    /// Real-time safe: no locks, no allocation.
    @inline(__always)
    func process(
        input: UnsafePointer<Int16>?, inputFrameCount: Int, output: UnsafeMutablePointer<Int16>, outputFrameCount: Int
    ) -> (consumed: Int, produced: Int) {
        var inputLength = UInt32(clamping: inputFrameCount)
        var outputLength = UInt32(clamping: outputFrameCount)
        if self.channelCount == 1 {
            speex_resampler_process_int(self.state, 0, input, &inputLength, output, &outputLength)
        } else {
            speex_resampler_process_interleaved_int(self.state, input, &inputLength, output, &outputLength)
        }
        return (Int(inputLength), Int(outputLength))
    }

    /// Clears the filter history (`speex_resampler_reset_mem`).
    ///
    /// Real-time safe: no locks, no allocation.
    func reset() {
        speex_resampler_reset_mem(self.state)
    }

    /// Drops the filter's leading latency from the next output (`speex_resampler_skip_zeros`).
    ///
    /// Real-time safe: no locks, no allocation.
    func skipZeros() {
        speex_resampler_skip_zeros(self.state)
    }

    /// Input frames the filter holds back (`speex_resampler_get_input_latency`).
    var inputLatency: Int { Int(speex_resampler_get_input_latency(self.state)) }

    /// Output frames by which the output lags the input (`speex_resampler_get_output_latency`).
    var outputLatency: Int { Int(speex_resampler_get_output_latency(self.state)) }
}

import Codecs

/// Converts a whole utterance between sample rates with the project's `Resampler`, time-aligned and of the
/// expected length.
///
/// Not real-time safe: control thread only; allocates the resampler and the output.
enum PromptResampling {
    /// `samples` at `inputSampleRate` resampled to `outputSampleRate`.
    ///
    /// The leading filter latency is skipped and the tail is drained with silence, then the output is cut (or
    /// padded with silence) to exactly `samples.count × outputSampleRate / inputSampleRate` frames, rounded down,
    /// so the duration is that of the input.
    ///
    /// - Complexity: O(*n* × filter length), where *n* is the number of samples.
    /// - Throws: `ResamplerError` for a rate the resampler does not take.
    static func resample(_ samples: [Int16], from inputSampleRate: Int, to outputSampleRate: Int)
        throws(ResamplerError) -> [Int16]
    {
        guard inputSampleRate != outputSampleRate else { return samples }
        let resampler = try Resampler(inputSampleRate: inputSampleRate, outputSampleRate: outputSampleRate)
        resampler.skipLeadingLatency()

        let padded = samples + [Int16](repeating: 0, count: resampler.inputLatencyFrameCount)
        let expectedFrameCount = samples.count * outputSampleRate / inputSampleRate
        var output = [Int16](repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: padded.count))
        let progress = padded.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }

        output.removeLast(output.count - progress.producedFrameCount)
        if output.count > expectedFrameCount {
            output.removeLast(output.count - expectedFrameCount)
        } else {
            output.append(contentsOf: repeatElement(0, count: expectedFrameCount - output.count))
        }
        return output
    }
}

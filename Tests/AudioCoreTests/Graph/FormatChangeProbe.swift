import Synchronization

@testable import AudioCore

/// A node that changes the format: it outputs `targetFormat` (or the input's channel count at `targetSampleRate`)
/// by nearest-earlier-frame picking, copies input channel 0 to every output channel, and records every context it
/// was given.
///
/// Nearest-frame picking is not a resampler a listener would accept; it makes the expected output easy to compute
/// exactly, which is what the graph tests need.
final class FormatChangeProbe: AudioNode {
    let targetSampleRate: Int
    let targetChannelCount: Int?
    let contexts: Mutex<[AudioProcessContext]>
    let prepared = Mutex<(format: AudioFormat, maximumFrameCount: Int)?>(nil)

    init(sampleRate: Int, channelCount: Int? = nil) {
        self.targetSampleRate = sampleRate
        self.targetChannelCount = channelCount
        var contexts: [AudioProcessContext] = []
        contexts.reserveCapacity(64)
        self.contexts = Mutex(contexts)
    }

    func outputFormat(for input: AudioFormat) throws -> AudioFormat {
        try AudioFormat(sampleRate: self.targetSampleRate, channelCount: self.targetChannelCount ?? input.channelCount)
    }

    func prepare(format: AudioFormat, maximumFrameCount: Int) {
        self.prepared.withLock { $0 = (format, maximumFrameCount) }
    }

    func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        self.contexts.withLock { $0.append(context) }
        let inputChannelCount = context.format.channelCount
        let outputChannelCount = context.outputFormat.channelCount
        for frame in 0..<context.outputFrameCount {
            let source = frame * context.frameCount / context.outputFrameCount
            for channel in 0..<outputChannelCount {
                output[frame * outputChannelCount + channel] = input[source * inputChannelCount]
            }
        }
    }
}

import AudioCore
import Synchronization

/// A graph stage that changes the sample rate with speexdsp (`Resampler`), keeping the channel count.
///
/// The stage's input is whatever the graph gives it; its output is `outputSampleRate`, and the graph sizes the
/// next stage's block by the ratio (80 frames at 8 kHz in, 160 at 16 kHz out). Every block writes exactly the
/// stage's output frame count.
///
/// Exactness, measured (`ResamplerNodeTests`): for 10 ms blocks between any two of 8, 12, 16, 24, 32, 44.1 and
/// 48 kHz, one speexdsp call consumes the whole block and produces exactly the ratio's frame count, every block,
/// because a block boundary always falls on a whole input frame and speexdsp steps its phase in exact integer
/// fractions. The node still guards the general case: when a call stops short with input left (the output
/// filled first) it keeps the rest for the next block, and when the input runs out first it pads the block with
/// silence. Both are counted in `counters`, and both stay at zero for the engine's rates.
///
/// The output lags the input by the filter's half length, `Resampler.latencyFrameCount` for the same rates and
/// quality: the node does not skip that lag, because skipping it would shorten the first block.
///
/// Not `Sendable`: the node belongs to one graph; read its counters through `counters`, which is.
public final class ResamplerNode: AudioNode {
    /// The rates the node converts between, any pair, in hertz: every `Resampler` rate a graph can run at (a
    /// multiple of 100 Hz), plus 12 kHz for Opus.
    public static let supportedSampleRates = [8_000, 12_000, 16_000, 24_000, 32_000, 44_100, 48_000]

    /// What went wrong on the audio path, readable from any thread.
    public final class Counters: Sendable {
        private let shortBlocks = Atomic<Int>(0)
        private let paddedFrames = Atomic<Int>(0)
        private let droppedInputFrames = Atomic<Int>(0)

        init() {}

        /// Blocks where speexdsp produced fewer frames than the stage needs, so silence was added.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var shortBlockCount: Int { self.shortBlocks.load(ordering: .relaxed) }

        /// Frames of silence added to short blocks.
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var paddedFrameCount: Int { self.paddedFrames.load(ordering: .relaxed) }

        /// Input frames thrown away because more were left over than the node keeps (two blocks).
        ///
        /// Real-time safe: no locks, no allocation. Any thread.
        public var droppedInputFrameCount: Int { self.droppedInputFrames.load(ordering: .relaxed) }

        func countShortBlock(paddedFrameCount: Int) {
            // Relaxed: statistics; nothing is ordered by them.
            self.shortBlocks.add(1, ordering: .relaxed)
            self.paddedFrames.add(paddedFrameCount, ordering: .relaxed)
        }

        func countDroppedInput(frameCount: Int) {
            self.droppedInputFrames.add(frameCount, ordering: .relaxed)
        }
    }

    /// Frames per second of the output.
    public let outputSampleRate: Int

    /// The speexdsp quality, 0…10.
    public let quality: Int

    /// The audio path's problem counters; keep a reference to read them after handing the node to a graph.
    public let counters = Counters()

    private var resampler: Resampler?
    private var channelCount = 1

    /// Input frames left over from a call that filled the output first, fed before the next block.
    private var carry = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
    private var carryFrameCount = 0

    /// Makes a node that resamples to `outputSampleRate`; the filter is made in `prepare`, once the input rate is
    /// known.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameters:
    ///   - outputSampleRate: The output rate; one not in `supportedSampleRates` is refused when the graph asks
    ///     for the output format.
    ///   - quality: speexdsp quality, 0…10 (other values trap); `Resampler.defaultQuality` unless told otherwise.
    public init(outputSampleRate: Int, quality: Int = Resampler.defaultQuality) {
        precondition(Resampler.supportedQualities.contains(quality), "resampler quality \(quality) is not 0...10")
        self.outputSampleRate = outputSampleRate
        self.quality = quality
    }

    deinit {
        self.carry.deallocate()
    }

    /// `input` at `outputSampleRate`.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioGraphError.unsupportedOutputSampleRate` for a rate outside `supportedSampleRates`.
    public func outputFormat(for input: AudioFormat) throws -> AudioFormat {
        guard Self.supportedSampleRates.contains(self.outputSampleRate) else {
            throw AudioGraphError.unsupportedOutputSampleRate(
                node: "ResamplerNode", sampleRate: self.outputSampleRate, accepted: Self.supportedSampleRates)
        }
        return try AudioFormat(sampleRate: self.outputSampleRate, channelCount: input.channelCount)
    }

    /// Makes the speexdsp filter for `format`'s rate and channel count and the leftover buffer.
    ///
    /// Not real-time safe: control thread only; allocates.
    ///
    /// - Throws: `AudioGraphError.unsupportedFormat` for an input rate outside `supportedSampleRates` or more
    ///   channels than `Resampler.supportedChannelCounts`, or `ResamplerError.library` when speexdsp refuses.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws {
        guard Self.supportedSampleRates.contains(format.sampleRate),
            Resampler.supportedChannelCounts.contains(format.channelCount)
        else {
            let rates = Self.supportedSampleRates.map(String.init).joined(separator: ", ")
            let channels = Resampler.supportedChannelCounts
            throw AudioGraphError.unsupportedFormat(
                node: "ResamplerNode", format: format, frameCount: maximumFrameCount,
                accepted: "\(rates) Hz with \(channels.lowerBound) to \(channels.upperBound) channels")
        }
        self.resampler = try Resampler(
            checkedInputSampleRate: format.sampleRate, outputSampleRate: self.outputSampleRate,
            channelCount: format.channelCount, quality: self.quality)
        self.channelCount = format.channelCount

        self.carry.deallocate()
        self.carry = .allocate(capacity: 2 * format.sampleCount(frameCount: maximumFrameCount))
        self.carry.initialize(repeating: 0)
        self.carryFrameCount = 0
    }

    /// Resamples one block into exactly `context.outputFrameCount` frames.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.frameCount × filter length).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        guard let resampler = self.resampler else {
            output.update(repeating: 0)
            return
        }
        let channelCount = self.channelCount
        let outputFrameCount = context.outputFrameCount
        var producedFrameCount = 0

        // Input a previous call left over goes first, so no frame is skipped or reordered.
        if self.carryFrameCount > 0 {
            let progress = resampler.process(
                UnsafeBufferPointer(rebasing: self.carry[..<(self.carryFrameCount * channelCount)]),
                into: UnsafeMutableBufferPointer(rebasing: output[..<(outputFrameCount * channelCount)]))
            producedFrameCount = progress.producedFrameCount
            self.dropCarried(frameCount: progress.consumedFrameCount)
        }

        // speexdsp stops when either side runs out; call again while both have room.
        var consumedFrameCount = 0
        while consumedFrameCount < context.frameCount && producedFrameCount < outputFrameCount {
            let progress = resampler.process(
                UnsafeBufferPointer(
                    rebasing: input[(consumedFrameCount * channelCount)..<(context.frameCount * channelCount)]),
                into: UnsafeMutableBufferPointer(
                    rebasing: output[(producedFrameCount * channelCount)..<(outputFrameCount * channelCount)]))
            if progress.consumedFrameCount == 0 && progress.producedFrameCount == 0 { break }
            consumedFrameCount += progress.consumedFrameCount
            producedFrameCount += progress.producedFrameCount
        }
        self.keep(
            UnsafeBufferPointer(
                rebasing: input[(consumedFrameCount * channelCount)..<(context.frameCount * channelCount)]))

        if producedFrameCount < outputFrameCount {
            UnsafeMutableBufferPointer(
                rebasing: output[(producedFrameCount * channelCount)..<(outputFrameCount * channelCount)]
            ).update(repeating: 0)
            self.counters.countShortBlock(paddedFrameCount: outputFrameCount - producedFrameCount)
        }
    }

    /// Clears the filter history and any leftover input, as at the start of a call.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only, between blocks.
    public func reset() {
        self.resampler?.reset()
        self.carryFrameCount = 0
    }

    /// Removes the first `frameCount` frames from the leftover buffer.
    private func dropCarried(frameCount: Int) {
        let remaining = self.carryFrameCount - frameCount
        if remaining > 0 {
            let base = self.carry.baseAddress!
            base.update(from: base + frameCount * self.channelCount, count: remaining * self.channelCount)
        }
        self.carryFrameCount = max(remaining, 0)
    }

    /// Appends unconsumed input to the leftover buffer, dropping (and counting) what does not fit.
    private func keep(_ samples: UnsafeBufferPointer<Float>) {
        guard !samples.isEmpty else { return }
        let frameCount = samples.count / self.channelCount
        let room = self.carry.count / self.channelCount - self.carryFrameCount
        let keptFrameCount = min(frameCount, room)
        if keptFrameCount > 0 {
            (self.carry.baseAddress! + self.carryFrameCount * self.channelCount).update(
                from: samples.baseAddress!, count: keptFrameCount * self.channelCount)
            self.carryFrameCount += keptFrameCount
        }
        if keptFrameCount < frameCount {
            self.counters.countDroppedInput(frameCount: frameCount - keptFrameCount)
        }
    }
}

import AudioCore
import Spotting

/// What the call side keeps of the line for the recognizer and the per-turn heads: the last four seconds as 16-bit
/// samples, and the last 64 speech-embedding windows.
///
/// A turn is found after it starts, so its start is read back from here. The front end reports each block and each
/// window once (`record`, `keep`); the call side reads them back by sample time.
///
/// Every buffer is allocated in `init`; `record` and `keep` only copy. The side that records is the side that
/// reads: in a replay both run on its one thread, in a live call on the call thread, from the reports.
final class CallLineHistory {
    /// The line kept for the recognizer: four seconds (a whole number of blocks, so a block never wraps) covers a
    /// barge-in found late.
    static let frameCount = CallFrontEnd.blockFrameCount * 400

    /// Embedding windows kept for the per-turn heads: 64 windows of 80 ms, about 5 s.
    static let embeddingCount = 64

    /// The last `frameCount` frames of the line, indexed by sample time modulo the size.
    private let samples: UnsafeMutableBufferPointer<Int16>
    /// The last `embeddingCount` windows' 96 values each, indexed by window number modulo the count.
    private let embeddings: UnsafeMutableBufferPointer<Float>
    /// The sample time each kept window ends at, indexed the same way.
    private let embeddingEndSampleTimes: UnsafeMutableBufferPointer<Int64>
    /// Windows kept since the call started.
    private var keptEmbeddingCount = 0

    /// The end of the last block recorded.
    private(set) var sampleTime: Int64 = 0

    /// Not real-time safe: allocates.
    init() {
        self.samples = .allocate(capacity: Self.frameCount)
        self.samples.initialize(repeating: 0)
        let width = SpeechEmbeddingArchitecture.embeddingCount
        self.embeddings = .allocate(capacity: Self.embeddingCount * width)
        self.embeddings.initialize(repeating: 0)
        self.embeddingEndSampleTimes = .allocate(capacity: Self.embeddingCount)
        self.embeddingEndSampleTimes.initialize(repeating: 0)
    }

    deinit {
        self.samples.deallocate()
        self.embeddings.deallocate()
        self.embeddingEndSampleTimes.deallocate()
    }

    /// Keeps the next block of the line, converted from -1…1 to 16 bits.
    ///
    /// Real-time safe: converts into the ring allocated in `init`.
    func record(_ block: UnsafeBufferPointer<Float>) {
        let offset = Int(self.sampleTime % Int64(Self.frameCount))
        SampleConversion.convert(
            block, to: UnsafeMutableBufferPointer(rebasing: self.samples[offset..<offset + block.count]))
        self.sampleTime += Int64(block.count)
    }

    /// Keeps one embedding window.
    ///
    /// Real-time safe: copies into the ring allocated in `init`.
    func keep(_ window: EmbeddingWindow) {
        let width = SpeechEmbeddingArchitecture.embeddingCount
        let slot = self.keptEmbeddingCount % Self.embeddingCount
        for index in 0..<width { self.embeddings[slot * width + index] = window.values[index] }
        self.embeddingEndSampleTimes[slot] = window.endSampleTime
        self.keptEmbeddingCount += 1
    }

    /// The kept embedding windows that end at or after `start`, oldest first, with their end times in seconds from
    /// the start of the call; empty without the spotter's models.
    ///
    /// Not real-time safe: allocates.
    func embeddingWindows(endingFrom start: Int64) -> TurnWindows {
        var windows = TurnWindows()
        let width = SpeechEmbeddingArchitecture.embeddingCount
        for number in max(0, self.keptEmbeddingCount - Self.embeddingCount)..<self.keptEmbeddingCount {
            let slot = number % Self.embeddingCount
            let end = self.embeddingEndSampleTimes[slot]
            guard end >= start else { continue }
            let values = UnsafeBufferPointer(rebasing: self.embeddings[slot * width..<(slot + 1) * width])
            windows.append(values, endTime: Double(end) / Double(CallFrontEnd.sampleRate))
        }
        return windows
    }

    /// The oldest sample time still kept.
    var oldestSampleTime: Int64 { max(0, self.sampleTime - Int64(Self.frameCount)) }

    /// Calls `body` with the line's samples from `start` up to the last block recorded, in at most two pieces.
    ///
    /// Real-time safe: no allocation.
    func withSamples(from start: Int64, _ body: (UnsafeBufferPointer<Int16>) -> Void) {
        var time = max(start, self.oldestSampleTime)
        while time < self.sampleTime {
            let offset = Int(time % Int64(Self.frameCount))
            let count = min(Int(self.sampleTime - time), Self.frameCount - offset)
            body(UnsafeBufferPointer(rebasing: self.samples[offset..<offset + count]))
            time += Int64(count)
        }
    }
}

/// One speech-embedding window as the front end reports it: its 96 values, and where it ends.
struct EmbeddingWindow: BitwiseCopyable {
    var values: InlineArray<96, Float>
    /// The sample time the window's audio ends at.
    var endSampleTime: Int64
}

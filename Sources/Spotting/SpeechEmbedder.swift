import Foundation

/// The spotter's front end: 16 kHz audio in blocks of any size, out one 96-value speech embedding per 80 ms.
///
/// Samples gather into 1280-sample chunks. Each chunk, with the 480 samples before it (zeros before the stream's
/// first sample), gives 8 mel frames (`MelFrontEnd`), and the frames go to `StreamingEmbedding`, which from the
/// tenth chunk on gives the embedding of the last 76 frames: openwakeword's `AudioFeatures` schedule, except that
/// openwakeword also emits embeddings of its first, incomplete windows padded with ones.
///
/// ```swift
/// let embedder = try SpeechEmbedder(weights: .load())
/// embedder.process(block) { chunk in      // 160 samples, 10 ms
///     if let embedding = chunk.embedding { … }
/// }
/// ```
///
/// `init` allocates everything; `process` never allocates, locks or throws. One thread at a time (not
/// `Sendable`).
public final class SpeechEmbedder {
    /// What one finished chunk produced; the buffers are valid only inside the closure that receives it.
    public struct Chunk {
        /// Chunks finished before this one since the start or the last `reset()`.
        public var index: Int
        /// The chunk's 8 mel frames × 32 bands, frames outermost, in dB / 10 + 2.
        public var melFrames: UnsafeBufferPointer<Float>
        /// The 96 values for the window of the last 76 mel frames, from the tenth chunk on.
        public var embedding: UnsafeBufferPointer<Float>?
    }

    /// The sample rate the embedder takes.
    public static let sampleRate = 16000

    /// The network, which other embedders may share.
    public let network: SpeechEmbeddingNetwork

    private let melFrontEnd: MelFrontEnd
    private let streaming: StreamingEmbedding
    /// History and the chunk being filled, Int16 values as `Float`.
    private let samples: UnsafeMutableBufferPointer<Float>
    private let frames: UnsafeMutableBufferPointer<Float>
    private let embedding: UnsafeMutableBufferPointer<Float>
    /// Everything `process` changes, behind a pointer: a stored `var` of a class would cost an exclusivity check
    /// on every access.
    private let state: UnsafeMutablePointer<State>

    private struct State {
        var filledCount = 0
        var chunkCount = 0
    }

    /// Makes an embedder with its own copy of the network.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public convenience init(weights: SpeechEmbeddingWeights) {
        self.init(network: SpeechEmbeddingNetwork(weights: weights), melFrontEnd: MelFrontEnd(weights: weights))
    }

    /// Makes an embedder that shares `network` with others.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(network: SpeechEmbeddingNetwork, melFrontEnd: MelFrontEnd) {
        self.network = network
        self.melFrontEnd = melFrontEnd
        self.streaming = StreamingEmbedding(network: network)
        self.samples = .allocate(capacity: MelFrontEnd.inputSampleCount)
        self.samples.initialize(repeating: 0)
        self.frames = .allocate(capacity: MelFrontEnd.frameCount * SpeechEmbeddingArchitecture.bandCount)
        self.frames.initialize(repeating: 0)
        self.embedding = .allocate(capacity: SpeechEmbeddingArchitecture.embeddingCount)
        self.embedding.initialize(repeating: 0)
        self.state = .allocate(capacity: 1)
        self.state.initialize(to: State())
    }

    deinit {
        self.samples.deallocate()
        self.frames.deallocate()
        self.embedding.deallocate()
        self.state.deallocate()
    }

    /// Chunks finished since the start or the last `reset()`.
    ///
    /// Real-time safe: no locks, no allocation. The thread that calls `process`.
    public var chunkCount: Int { self.state.pointee.chunkCount }

    /// Adds Int16 samples, calling `body` for each chunk they finish (none, one, or several for a long block).
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Complexity: O(samples) plus, per finished chunk, the mel front end and the new rows of the network.
    public func process(_ block: UnsafeBufferPointer<Int16>, _ body: (Chunk) -> Void) {
        self.append(block.count, body) { destination, start, count in
            for index in 0..<count { destination[index] = Float(block[start + index]) }
        }
    }

    /// Adds samples in −1…1 (scaled by 32768 to Int16 units), calling `body` for each chunk they finish.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Complexity: O(samples) plus, per finished chunk, the mel front end and the new rows of the network.
    public func process(_ block: UnsafeBufferPointer<Float>, _ body: (Chunk) -> Void) {
        self.append(block.count, body) { destination, start, count in
            for index in 0..<count { destination[index] = block[start + index] * 32768 }
        }
    }

    @inline(__always)
    private func append(
        _ count: Int, _ body: (Chunk) -> Void,
        copy: (_ destination: UnsafeMutablePointer<Float>, _ start: Int, _ count: Int) -> Void
    ) {
        let history = MelFrontEnd.historySampleCount
        let chunkSize = MelFrontEnd.chunkSampleCount
        let base = self.samples.baseAddress!
        var consumed = 0
        while consumed < count {
            let filled = self.state.pointee.filledCount
            let taken = min(chunkSize - filled, count - consumed)
            copy(base + history + filled, consumed, taken)
            consumed += taken
            self.state.pointee.filledCount = filled + taken
            guard filled + taken == chunkSize else { continue }
            self.finishChunk(body)
        }
    }

    private func finishChunk(_ body: (Chunk) -> Void) {
        let base = self.samples.baseAddress!
        self.melFrontEnd.process(UnsafeBufferPointer(self.samples), into: self.frames)
        let hasEmbedding = self.streaming.push(UnsafeBufferPointer(self.frames), into: self.embedding)
        let index = self.state.pointee.chunkCount
        self.state.pointee.chunkCount = index + 1
        self.state.pointee.filledCount = 0
        // The last 480 samples become the next chunk's history.
        let history = MelFrontEnd.historySampleCount
        memmove(base, base + MelFrontEnd.chunkSampleCount, history * MemoryLayout<Float>.stride)
        body(
            Chunk(
                index: index, melFrames: UnsafeBufferPointer(self.frames),
                embedding: hasEmbedding ? UnsafeBufferPointer(self.embedding) : nil))
    }

    /// Forgets all audio, as for a new call.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        self.samples.update(repeating: 0)
        self.streaming.reset()
        self.state.pointee = State()
    }
}

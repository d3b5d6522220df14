import AudioCore
import Synchronization

/// One firing of a streaming spotter in a call's audio.
public struct SpotterFiring: Hashable, Sendable, BitwiseCopyable {
    /// The firing window's end, seconds of audio since the node was prepared or reset.
    public var seconds: Double
    /// One minus the background class's probability on that window (the head's confidence).
    public var probability: Float
    /// The likeliest watched class, an index into the head's classes (for the urgent head, the kind of emergency).
    public var classIndex: Int
}

/// A tap that runs the speech embedder and a streaming spotter (for the shipped urgent head) on every block
/// of a call's caller audio, 16 kHz mono, so an urgent phrase is caught in every dialogue context, before the turn
/// ends and while the agent is speaking. Audio passes through unchanged.
///
/// Firings go into a lock-free ring that the control side drains with `firings.drain()`; when the ring is full a
/// firing is counted in `firings.droppedCount` instead. `prepare` allocates nothing beyond what `init` made;
/// `process` neither allocates nor locks.
public final class SpotterNode: AudioNode {
    /// Where the node's firings go; keep it to read them from the control side.
    public let firings: SpotterFirings

    private let embedder: SpeechEmbedder
    private let spotter: StreamingSpotter

    /// The probability at which the node fires.
    public var threshold: Float { self.spotter.threshold }

    /// A node running `head` (a streaming head) over `embedder`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(embedder: SpeechEmbedder, head: SpotterHead, firingCapacity: Int = 64) {
        self.embedder = embedder
        self.spotter = StreamingSpotter(head: head)
        self.firings = SpotterFirings(capacity: firingCapacity)
    }

    /// Checks that the graph gives 16 kHz mono.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `AudioGraphError.unsupportedFormat` otherwise.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) throws(AudioGraphError) {
        guard format.sampleRate == SpeechEmbedder.sampleRate, format.channelCount == 1 else {
            throw .unsupportedFormat(
                node: "SpotterNode", format: format, frameCount: maximumFrameCount, accepted: "16 kHz mono")
        }
        self.reset()
    }

    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.sampleCount), plus the embedder's work and one head evaluation per finished 80 ms
    ///   chunk.
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        output.baseAddress!.update(from: input.baseAddress!, count: context.sampleCount)
        let chunkSeconds = Double(MelFrontEnd.chunkSampleCount) / Double(SpeechEmbedder.sampleRate)
        self.embedder.process(UnsafeBufferPointer(rebasing: input[..<context.sampleCount])) { chunk in
            guard let embedding = chunk.embedding else { return }
            let decision = self.spotter.push(embedding)
            guard decision.hasFired else { return }
            self.firings.publish(
                SpotterFiring(
                    seconds: Double(chunk.index + 1) * chunkSeconds, probability: decision.probability,
                    classIndex: decision.classIndex))
        }
    }

    /// Forgets the call's audio, as for a new call.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only, between blocks.
    public func reset() {
        self.embedder.reset()
        self.spotter.reset()
    }
}

/// The firings of a `SpotterNode`: written on the rendering thread, drained on the control side.
public final class SpotterFirings: Sendable {
    private let ring: SPSCRingBuffer<SpotterFiring>
    private let dropped = Atomic<Int>(0)

    init(capacity: Int) {
        self.ring = SPSCRingBuffer(minimumCapacity: capacity)
    }

    /// Firings that did not fit in the ring since the node was made.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var droppedCount: Int { self.dropped.load(ordering: .relaxed) }

    /// Every firing published since the last drain, oldest first.
    ///
    /// Not real-time safe: allocates. The one control-side reader only.
    public func drain() -> [SpotterFiring] {
        var result: [SpotterFiring] = []
        while let firing = self.ring.tryRead() { result.append(firing) }
        return result
    }

    /// Real-time safe: no locks, no allocation. The rendering thread only.
    func publish(_ firing: SpotterFiring) {
        if !self.ring.tryWrite(firing) {
            // Relaxed: a statistic; nothing is ordered by it.
            self.dropped.add(1, ordering: .relaxed)
        }
    }
}

/// Runs a streaming head on every embedding as it arrives: the latest `contextWindowCount` windows are pooled and
/// scored, so a phrase is found while the caller is still speaking, in every context and while the agent talks.
///
/// A streaming head's last class is the one it watches for (for an urgent head, `urgent`): the spotter fires when
/// that class's probability reaches the head's threshold, then stays quiet for `refractoryWindowCount` windows so
/// one phrase fires once.
///
/// TODO: no streaming head ships yet. The first urgent head (`tools/train-spotter-heads urgent`, a linear head
/// over 4–10 pooled windows) found 2 of 119 held-out urgent sentences at no false alarms, so it is not used; until
/// a better one exists, urgency comes only from the recognizer's text.
///
/// `init` allocates; `push` does not. One thread at a time.
public final class StreamingSpotter {
    /// The head.
    public let head: SpotterHead
    /// Windows after a firing during which the spotter does not fire again.
    public let refractoryWindowCount: Int

    private let contextWindowCount: Int
    private let threshold: Float
    private let history: UnsafeMutableBufferPointer<Float>
    private let feature: UnsafeMutableBufferPointer<Float>
    private let scratch: UnsafeMutableBufferPointer<Float>
    private var state = State()

    private struct State {
        var windowCount = 0
        var quietWindowsLeft = 0
        var lastProbability: Float = 0
    }

    /// What one window decided.
    public struct Decision: Sendable, Equatable {
        /// The probability of the head's last class (for the urgent head, that the caller said something urgent).
        public var probability: Float
        /// Whether the spotter fired on this window.
        public var hasFired: Bool
    }

    /// Makes a spotter for a streaming head (one with `contextWindows` and `threshold`).
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(head: SpotterHead, refractoryWindowCount: Int = 12) {
        precondition(
            head.contextWindowCount != nil && head.threshold != nil && head.pooling == .meanMax,
            "head \(head.name) is not a streaming head")
        self.head = head
        self.refractoryWindowCount = refractoryWindowCount
        self.contextWindowCount = head.contextWindowCount!
        self.threshold = head.threshold!
        let width = SpeechEmbeddingArchitecture.embeddingCount
        self.history = .allocate(capacity: self.contextWindowCount * width)
        self.history.initialize(repeating: 0)
        self.feature = .allocate(capacity: 2 * width)
        self.feature.initialize(repeating: 0)
        self.scratch = .allocate(capacity: head.classes.count)
        self.scratch.initialize(repeating: 0)
    }

    deinit {
        self.history.deallocate()
        self.feature.deallocate()
        self.scratch.deallocate()
    }

    /// Adds one embedding (96 values) and decides on it.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(context windows × 96 + classes × 192).
    public func push(_ embedding: UnsafeBufferPointer<Float>) -> Decision {
        let width = SpeechEmbeddingArchitecture.embeddingCount
        precondition(embedding.count == width, "an embedding has \(width) values")
        let slot = self.state.windowCount % self.contextWindowCount
        for index in 0..<width {
            self.history[slot * width + index] = embedding[index]
        }
        self.state.windowCount += 1

        let available = min(self.state.windowCount, self.contextWindowCount)
        for index in 0..<width {
            var sum: Float = 0
            var largest = -Float.infinity
            for window in 0..<available {
                let value = self.history[window * width + index]
                sum += value
                largest = max(largest, value)
            }
            self.feature[index] = sum / Float(available)
            self.feature[width + index] = largest
        }
        self.head.probabilities(pooled: UnsafeBufferPointer(self.feature), into: self.scratch)
        let probability = self.scratch[self.head.classes.count - 1]
        self.state.lastProbability = probability

        if self.state.quietWindowsLeft > 0 {
            self.state.quietWindowsLeft -= 1
            return Decision(probability: probability, hasFired: false)
        }
        guard probability >= self.threshold else { return Decision(probability: probability, hasFired: false) }
        self.state.quietWindowsLeft = self.refractoryWindowCount
        return Decision(probability: probability, hasFired: true)
    }

    /// Forgets every window, as for a new call.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        self.history.update(repeating: 0)
        self.state = State()
    }
}

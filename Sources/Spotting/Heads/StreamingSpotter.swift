/// Runs a streaming head on every embedding as it arrives, so a phrase is found while the caller is still
/// speaking, in every context and while the agent talks: the latest `contextWindowCount` windows are laid side by
/// side (`stacked`, the shipped urgent head) or pooled into their mean and maximum (`mean+max`) and scored.
///
/// A streaming head's first class is the background (`other`) and the rest are what it watches for (for the urgent
/// head, the kinds of emergency): the spotter fires when one minus the background's probability reaches the head's
/// threshold, names the likeliest watched class, then stays quiet for `refractoryWindowCount` windows so one phrase
/// fires once. Until the stream has `contextWindowCount` windows, the missing ones are zeros, as in
/// training.
///
/// `init` allocates; `push` does not. One thread at a time.
public final class StreamingSpotter {
    /// The head.
    public let head: SpotterHead
    /// Windows after a firing during which the spotter does not fire again.
    public let refractoryWindowCount: Int

    private let contextWindowCount: Int
    /// The probability of the watched class at which it fires.
    public let threshold: Float
    private let history: UnsafeMutableBufferPointer<Float>
    private let feature: UnsafeMutableBufferPointer<Float>
    private let scratch: UnsafeMutableBufferPointer<Float>
    private let probabilities: UnsafeMutableBufferPointer<Float>
    private var state = State()

    private struct State {
        var windowCount = 0
        var quietWindowsLeft = 0
    }

    /// What one window decided.
    public struct Decision: Sendable, Equatable {
        /// One minus the background class's probability (for the urgent head, that the caller has just said
        /// something urgent).
        public var probability: Float
        /// The likeliest class other than the background, an index into the head's classes.
        public var classIndex: Int
        /// Whether the spotter fired on this window.
        public var hasFired: Bool
    }

    /// Makes a spotter for a streaming head (one with `contextWindows` and `threshold`).
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - threshold: the probability at which it fires; the head's own when `nil`.
    ///   - refractoryWindowCount: windows of quiet after a firing; the head's own when `nil`, else 12 (0.96 s).
    public init(head: SpotterHead, threshold: Float? = nil, refractoryWindowCount: Int? = nil) {
        precondition(
            head.contextWindowCount != nil && head.threshold != nil && head.pooling != .windows,
            "head \(head.name) is not a streaming head")
        self.head = head
        self.refractoryWindowCount = refractoryWindowCount ?? head.refractoryWindowCount ?? 12
        self.contextWindowCount = head.contextWindowCount!
        self.threshold = threshold ?? head.threshold!
        let width = SpeechEmbeddingArchitecture.embeddingCount
        self.history = .allocate(capacity: self.contextWindowCount * width)
        self.history.initialize(repeating: 0)
        self.feature = .allocate(capacity: head.featureCount)
        self.feature.initialize(repeating: 0)
        self.scratch = .allocate(capacity: head.scratchCount)
        self.scratch.initialize(repeating: 0)
        self.probabilities = .allocate(capacity: head.classes.count)
        self.probabilities.initialize(repeating: 0)
    }

    deinit {
        self.history.deallocate()
        self.feature.deallocate()
        self.scratch.deallocate()
        self.probabilities.deallocate()
    }

    /// Adds one embedding (96 values) and decides on it.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(context windows × 96) to stack or pool, then the head's `probabilities`.
    public func push(_ embedding: UnsafeBufferPointer<Float>) -> Decision {
        let width = SpeechEmbeddingArchitecture.embeddingCount
        precondition(embedding.count == width, "an embedding has \(width) values")
        let slot = self.state.windowCount % self.contextWindowCount
        for index in 0..<width {
            self.history[slot * width + index] = embedding[index]
        }
        self.state.windowCount += 1

        switch self.head.pooling {
        case .stacked: self.stackHistory()
        case .meanMax: self.poolHistory()
        case .windows: preconditionFailure("not a streaming head")
        }
        self.head.probabilities(
            pooled: UnsafeBufferPointer(self.feature), scratch: self.scratch, into: self.probabilities)
        let probability = 1 - self.probabilities[0]
        var classIndex = 1
        for index in 2..<self.head.classes.count where self.probabilities[index] > self.probabilities[classIndex] {
            classIndex = index
        }

        if self.state.quietWindowsLeft > 0 {
            self.state.quietWindowsLeft -= 1
            return Decision(probability: probability, classIndex: classIndex, hasFired: false)
        }
        guard probability >= self.threshold else {
            return Decision(probability: probability, classIndex: classIndex, hasFired: false)
        }
        self.state.quietWindowsLeft = self.refractoryWindowCount
        return Decision(probability: probability, classIndex: classIndex, hasFired: true)
    }

    /// The probability the last `push` gave class `index` of the head (0 is the background); zeros before the
    /// first push.
    ///
    /// Real-time safe: no locks, no allocation.
    public func probability(ofClass index: Int) -> Float {
        precondition(self.head.classes.indices.contains(index), "head \(self.head.name) has no class \(index)")
        return self.probabilities[index]
    }

    /// The latest windows side by side, oldest first; zeros for windows before the stream's first.
    private func stackHistory() {
        let width = SpeechEmbeddingArchitecture.embeddingCount
        let count = self.contextWindowCount
        for position in 0..<count {
            let window = self.state.windowCount - count + position
            let target = self.feature.baseAddress! + position * width
            if window < 0 {
                target.update(repeating: 0, count: width)
            } else {
                target.update(from: self.history.baseAddress! + (window % count) * width, count: width)
            }
        }
    }

    /// The mean, then the maximum, of each value over the windows the stream has so far (up to the context).
    private func poolHistory() {
        let width = SpeechEmbeddingArchitecture.embeddingCount
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
    }

    /// Forgets every window, as for a new call.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        self.history.update(repeating: 0)
        self.state = State()
    }
}

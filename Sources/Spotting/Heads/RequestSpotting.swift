/// The request-keyword head's reading of one turn: which family of request words (book, cancel, reschedule,
/// prescription, results, hours, address, human; the names of Understanding's `Intent`) the caller said, or which
/// request the dialogue answers that is no intent (doctors, message, billing, forms: the doctors list, a message for
/// someone, a bill, a form), and how sure the head is.
///
/// The head (`tools/train-spotter-heads request`) is a streaming head like the urgent one: the latest 16 windows
/// side by side, 128 rectified units, a softmax over `other`, the families and those requests (each called a family
/// here). A turn's score for a family is the highest probability any window ending in the turn gave it (from
/// `speechStart` to `speechEnd + trailingSeconds`), the windows before it feeding only the stacked context; the
/// turn's family is the one with the highest score. Whether that score is enough is `IntentFusion`'s business, not
/// this type's.
///
/// Not real-time safe: control side, once per turn (the scoring itself does not allocate).
public final class RequestSpotting {
    /// What the head heard in a turn.
    public struct Reading: Sendable, Equatable {
        /// The family with the highest score (a class name of the head other than `other`).
        public var family: String
        /// Its score: the highest probability a window of the turn gave it.
        public var probability: Float
        /// Every family's score, in the head's class order after `other`.
        public var scores: [Float]

        public init(family: String, probability: Float, scores: [Float]) {
            self.family = family
            self.probability = probability
            self.scores = scores
        }
    }

    /// The head.
    public let head: SpotterHead
    /// Windows ending up to this long after the turn's last speech still count (a window ends 0.1 s to 0.5 s after
    /// the keyword it was trained to hear).
    public let trailingSeconds: Double
    private let spotter: StreamingSpotter
    private var best: [Float]

    /// A reader for `head`, a streaming head whose first class is `other`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(head: SpotterHead, trailingSeconds: Double = 0.6) {
        self.head = head
        self.trailingSeconds = trailingSeconds
        self.spotter = StreamingSpotter(head: head, threshold: head.threshold, refractoryWindowCount: 0)
        self.best = [Float](repeating: 0, count: head.classes.count)
    }

    /// The shipped `request` head.
    ///
    /// - Throws: `SpotterHeadError` when the file is missing or unusable.
    public static func shipped() throws -> RequestSpotting {
        RequestSpotting(head: try SpotterHead.load(.request))
    }

    /// Scores the turn between `speechStart` and `speechEnd` (seconds on the windows' clock). `windows` should
    /// begin a little before the turn, so the first windows of the turn have the stacked context they had in
    /// training; every window is pushed, and only those ending in the turn are scored.
    ///
    /// - Returns: the reading, or `nil` when no window ends in the turn.
    /// - Complexity: O(windows × the head's multiply-adds).
    public func read(_ windows: TurnWindows, speechStart: Double, speechEnd: Double) -> Reading? {
        self.spotter.reset()
        for index in self.best.indices { self.best[index] = 0 }
        var scoredCount = 0
        let width = SpeechEmbeddingArchitecture.embeddingCount
        windows.values.withUnsafeBufferPointer { values in
            for (index, end) in windows.endTimes.enumerated() {
                _ = self.spotter.push(UnsafeBufferPointer(rebasing: values[index * width..<(index + 1) * width]))
                guard end >= speechStart, end <= speechEnd + self.trailingSeconds else { continue }
                scoredCount += 1
                for family in 1..<self.best.count {
                    self.best[family] = max(self.best[family], self.spotter.probability(ofClass: family))
                }
            }
        }
        guard scoredCount > 0 else { return nil }
        var chosen = 1
        for family in 2..<self.best.count where self.best[family] > self.best[chosen] { chosen = family }
        return Reading(
            family: self.head.classes[chosen], probability: self.best[chosen], scores: Array(self.best.dropFirst()))
    }
}

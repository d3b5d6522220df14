import Synchronization

/// A count of something that happened on the audio path (an underrun, a dropped block), written by the rendering
/// thread and read by the control side.
///
/// A node hands out its counters before it is given to a graph; the control side keeps the counter, which is
/// `Sendable`, while the graph owns the node.
public final class AudioPathCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// A counter at zero.
    ///
    /// Not real-time safe: allocates; make counters when making the node.
    public init() {}

    /// The count so far.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public var value: Int {
        // Relaxed: a statistic; nothing else is ordered by it.
        self.count.load(ordering: .relaxed)
    }

    /// Adds `amount` to the count.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public func increment(by amount: Int = 1) {
        // Relaxed: a statistic; nothing else is ordered by it.
        self.count.add(amount, ordering: .relaxed)
    }
}

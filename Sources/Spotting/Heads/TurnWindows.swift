/// Which embedding windows describe a turn: those ending between `afterStartSeconds` after the turn's first
/// speech and `afterEndSeconds` after its last. A window spans 775 ms, so a window ending shortly after the start
/// hears mostly what came before, and one ending a little after the end still hears the turn's last word.
public struct TurnWindowSelection: Sendable, Equatable {
    /// Seconds after the turn's start before which a window is left out.
    public var afterStartSeconds: Double
    /// Seconds after the turn's end after which a window is left out.
    public var afterEndSeconds: Double

    public init(afterStartSeconds: Double, afterEndSeconds: Double) {
        self.afterStartSeconds = afterStartSeconds
        self.afterEndSeconds = afterEndSeconds
    }
}

/// The embedding windows of a stretch of audio with the time each one ends, for pooling per turn.
///
/// Not real-time safe: control side; appends may allocate.
public struct TurnWindows: Sendable {
    /// Window end times in seconds from the start of the stream, ascending.
    public private(set) var endTimes: [Double] = []
    /// Embeddings, `embeddingCount` values per window, in the same order.
    public private(set) var values: [Float] = []

    public init() {}

    /// The number of windows held.
    public var count: Int { self.endTimes.count }

    /// Adds one window's embedding, which ends at `endTime` seconds.
    public mutating func append(_ embedding: some Collection<Float>, endTime: Double) {
        precondition(embedding.count == SpeechEmbeddingArchitecture.embeddingCount, "an embedding has 96 values")
        precondition(self.endTimes.last.map { endTime >= $0 } ?? true, "windows arrive in time order")
        self.endTimes.append(endTime)
        self.values.append(contentsOf: embedding)
    }

    /// Drops the windows that end before `time`, to bound memory over a long call.
    public mutating func removeWindows(endingBefore time: Double) {
        let dropped = self.endTimes.prefix { $0 < time }.count
        self.endTimes.removeFirst(dropped)
        self.values.removeFirst(dropped * SpeechEmbeddingArchitecture.embeddingCount)
    }

    /// The indices of the turn's windows: those ending in [start + afterStart, end + afterEnd], else the one ending
    /// nearest `speechEnd + afterEndSeconds`; empty when there are no windows at all.
    public func selected(speechStart: Double, speechEnd: Double, selection: TurnWindowSelection) -> [Int] {
        guard !self.endTimes.isEmpty else { return [] }
        let earliest = speechStart + selection.afterStartSeconds
        let latest = speechEnd + selection.afterEndSeconds
        let chosen = self.endTimes.indices.filter { self.endTimes[$0] >= earliest && self.endTimes[$0] <= latest }
        if !chosen.isEmpty { return chosen }
        let nearest = self.endTimes.indices.min { abs(self.endTimes[$0] - latest) < abs(self.endTimes[$1] - latest) }
        return [nearest!]
    }

    /// The 96 values of window `index`.
    public func embedding(_ index: Int) -> [Float] {
        let width = SpeechEmbeddingArchitecture.embeddingCount
        return Array(self.values[index * width..<(index + 1) * width])
    }

    /// The mean and then the maximum of each embedding value over the turn's windows; the window ending
    /// nearest `speechEnd + afterEndSeconds` when none falls inside; `nil` when there are no windows at all.
    public func pooled(speechStart: Double, speechEnd: Double, selection: TurnWindowSelection) -> [Float]? {
        guard !self.endTimes.isEmpty else { return nil }
        let earliest = speechStart + selection.afterStartSeconds
        let latest = speechEnd + selection.afterEndSeconds
        var chosen = self.endTimes.indices.filter { self.endTimes[$0] >= earliest && self.endTimes[$0] <= latest }
        if chosen.isEmpty {
            let nearest = self.endTimes.indices.min {
                abs(self.endTimes[$0] - latest) < abs(self.endTimes[$1] - latest)
            }
            chosen = [nearest!]
        }

        let width = SpeechEmbeddingArchitecture.embeddingCount
        var feature = [Float](repeating: 0, count: 2 * width)
        for index in 0..<width {
            feature[width + index] = -.infinity
        }
        for window in chosen {
            for index in 0..<width {
                let value = self.values[window * width + index]
                feature[index] += value
                feature[width + index] = max(feature[width + index], value)
            }
        }
        for index in 0..<width {
            feature[index] /= Float(chosen.count)
        }
        return feature
    }
}

/// How well turn events match labelled speech spans.
///
/// For each labelled span: the *end-of-turn delay* is the detection time of the first turn end whose end of speech
/// lies after the span's start, minus the span's end, counted only when that turn end comes before the next span
/// starts (otherwise the two spans were *merged* into one turn, which a gap shorter than the detector's hangover
/// plus the trailing silence does). A *split* is a turn that ended inside a span while the span's speech went on
/// and started a new turn before the span's end: the failure "a pause inside a sentence ended the turn". The
/// *start latency* is the detection time of the first turn start inside the span minus the span's start.
///
/// Not real-time safe: control thread only.
public struct EndpointingScore: Hashable, Sendable {
    /// End-of-turn delays in seconds, one per span that got its own end of turn.
    public var endDelays: [Double] = []
    /// Start latencies in seconds, one per span where a turn started.
    public var startLatencies: [Double] = []
    /// Spans that shared their end of turn with the next span.
    public var mergedSpanCount = 0
    /// Spans in which no turn started.
    public var missedSpanCount = 0
    /// Turns ended inside a span that went on talking.
    public var splitCount = 0
    /// Spans scored.
    public var spanCount = 0

    /// An empty score.
    public init() {}

    /// Scores `events` (sample times at `sampleRate`) against `spans` (seconds).
    ///
    /// - Complexity: O(spans × events).
    public init(events: [TurnEvent], spans: [Range<Double>], sampleRate: Int) {
        let rate = Double(sampleRate)
        var starts: [(start: Double, detected: Double)] = []
        var ends: [(end: Double, detected: Double)] = []
        for event in events {
            switch event {
            case .speechStarted(let start, let detected): starts.append((Double(start) / rate, Double(detected) / rate))
            case .speechEnded(let end, let detected, _): ends.append((Double(end) / rate, Double(detected) / rate))
            }
        }

        for (index, span) in spans.enumerated() {
            self.spanCount += 1
            let nextStart = index + 1 < spans.count ? spans[index + 1].lowerBound : Double.infinity
            // A start up to 100 ms before the labels counts: the labels' own padding is ±20–30 ms.
            if let start = starts.first(where: { $0.start >= span.lowerBound - 0.1 && $0.start < span.upperBound }) {
                self.startLatencies.append(start.detected - span.lowerBound)
            }
            let insideStarts = starts.filter { $0.start > span.lowerBound && $0.start < span.upperBound - 0.05 }
            self.splitCount +=
                insideStarts.filter { start in
                    ends.contains { $0.end > span.lowerBound && $0.end <= start.start }
                }.count
            let isCovered =
                starts.contains { $0.start < span.upperBound && $0.start >= span.lowerBound - 0.1 }
                || ends.contains { $0.end > span.lowerBound } && starts.contains { $0.start < span.lowerBound }
            if !isCovered {
                self.missedSpanCount += 1
                continue
            }
            if let end = ends.first(where: { $0.end > span.lowerBound && $0.end >= span.upperBound - 0.3 }) {
                if end.detected < nextStart {
                    self.endDelays.append(end.detected - span.upperBound)
                } else {
                    self.mergedSpanCount += 1
                }
            }
        }
    }

    /// The median of `values`, or `nil` when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Two scores together, for a total over files.
    public static func + (left: EndpointingScore, right: EndpointingScore) -> EndpointingScore {
        var sum = left
        sum.endDelays += right.endDelays
        sum.startLatencies += right.startLatencies
        sum.mergedSpanCount += right.mergedSpanCount
        sum.missedSpanCount += right.missedSpanCount
        sum.splitCount += right.splitCount
        sum.spanCount += right.spanCount
        return sum
    }
}

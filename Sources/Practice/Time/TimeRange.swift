/// A span of one day on the wall clock, from `start` up to but not including `end`.
///
/// The configuration writes it as `HH:MM-HH:MM`, for example `08:30-18:00`. A range never crosses midnight.
public struct TimeRange: Sendable, Hashable, CustomStringConvertible {
    /// The first minute inside the range.
    public let start: ClockTime

    /// The first minute after the range; always later than `start`.
    public let end: ClockTime

    /// A range, or `nil` unless `end` is later than `start`.
    public init?(start: ClockTime, end: ClockTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    /// How many minutes the range spans.
    public var minuteCount: Int { self.end.minutesSinceMidnight - self.start.minutesSinceMidnight }

    /// Whether `time` falls inside the range (`start` included, `end` not).
    public func contains(_ time: ClockTime) -> Bool { self.start <= time && time < self.end }

    /// Whether all of `other` lies inside this range.
    public func contains(_ other: TimeRange) -> Bool { self.start <= other.start && other.end <= self.end }

    /// The part both ranges share, or `nil` when they do not overlap.
    public func intersection(_ other: TimeRange) -> TimeRange? {
        TimeRange(start: max(self.start, other.start), end: min(self.end, other.end))
    }

    /// `HH:MM-HH:MM`.
    public var description: String { "\(self.start)-\(self.end)" }
}

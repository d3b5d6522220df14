/// One dated change to the opening hours: a closed day (a holiday) or special hours (a short day).
public struct HoursException: Sendable, Equatable {
    /// The day it applies to.
    public let date: LocalDate

    /// The hours that day, in order; empty when the practice is closed.
    public let ranges: [TimeRange]

    /// Why, for people (`Christmas Day`); `nil` when the file gives none.
    public let note: String?

    /// Whether the practice is closed all day.
    public var isClosed: Bool { self.ranges.isEmpty }
}

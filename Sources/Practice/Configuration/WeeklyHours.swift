/// Hours for each day of the week: the practice's opening hours, or a doctor's working hours.
///
/// Each day holds zero or more ranges in order, apart from each other (a lunch break is two ranges); a day with
/// none is closed. Decoding guarantees the order and the gaps.
public struct WeeklyHours: Sendable, Equatable {
    private var rangesByWeekday: [Weekday: [TimeRange]]

    /// Hours from ranges per weekday; days left out are closed.
    ///
    /// Internal: the decoder checks that each day's ranges are in order and apart before it calls this.
    init(_ rangesByWeekday: [Weekday: [TimeRange]]) {
        self.rangesByWeekday = rangesByWeekday.filter { !$0.value.isEmpty }
    }

    /// The ranges on `weekday`, in order; empty when closed.
    public subscript(weekday: Weekday) -> [TimeRange] { self.rangesByWeekday[weekday] ?? [] }

    /// The weekdays with at least one range, Monday first.
    public var openWeekdays: [Weekday] { Weekday.allCases.filter { !self[$0].isEmpty } }
}

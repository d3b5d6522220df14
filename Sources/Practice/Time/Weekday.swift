/// A day of the week, as the configuration spells it (`monday` … `sunday`).
public enum Weekday: String, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of Foundation's Gregorian calendar component `.weekday`, where 1 is Sunday.
    ///
    /// - Returns: `nil` outside 1…7.
    public init?(gregorianWeekday: Int) {
        guard (1...7).contains(gregorianWeekday) else { return nil }
        self = Self.allCases[(gregorianWeekday + 5) % 7]
    }

    /// Monday is 0, Sunday 6: the order the configuration and the summaries list days in.
    public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }

    public var description: String { self.rawValue }
}

/// A time of day on the practice's wall clock, to the minute, from 00:00 to 23:59.
///
/// The configuration writes it as `HH:MM` with two digits each, on the 24-hour clock.
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes after midnight, 0…1439.
    public let minutesSinceMidnight: Int

    /// A time from minutes after midnight, or `nil` outside 0…1439.
    public init?(minutesSinceMidnight: Int) {
        guard (0..<24 * 60).contains(minutesSinceMidnight) else { return nil }
        self.minutesSinceMidnight = minutesSinceMidnight
    }

    /// A time from an hour (0…23) and a minute (0…59), or `nil` outside those.
    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.minutesSinceMidnight = hour * 60 + minute
    }

    /// Reads `HH:MM` exactly (`08:30`, not `8:30` or `08:30:00`), or `nil`.
    public init?(_ text: String) {
        let characters = Array(text.utf8)
        guard characters.count == 5, characters[2] == UInt8(ascii: ":") else { return nil }
        let digits = [characters[0], characters[1], characters[3], characters[4]].map { Int($0) - 48 }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        self.init(hour: digits[0] * 10 + digits[1], minute: digits[2] * 10 + digits[3])
    }

    /// The hour, 0…23.
    public var hour: Int { self.minutesSinceMidnight / 60 }

    /// The minute within the hour, 0…59.
    public var minute: Int { self.minutesSinceMidnight % 60 }

    /// This time `minutes` later, or `nil` when that is midnight or past it.
    public func adding(minutes: Int) -> ClockTime? {
        ClockTime(minutesSinceMidnight: self.minutesSinceMidnight + minutes)
    }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    /// `HH:MM`.
    public var description: String {
        (self.hour < 10 ? "0" : "") + String(self.hour) + ":" + (self.minute < 10 ? "0" : "") + String(self.minute)
    }
}

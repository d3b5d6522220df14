import Foundation

/// A day in the practice's calendar, without a time: what appointments and dates of birth are made of.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601, `2025-03-18`.
    public var description: String {
        String(format: "%04d-%02d-%02d", self.year, self.month, self.day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A time of day on a 24-hour clock.
public struct ClockTime: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// `15:30`.
    public var description: String { String(format: "%02d:%02d", self.hour, self.minute) }
}

/// A part of the day a caller prefers.
public enum PartOfDay: String, Sendable, Hashable, CaseIterable {
    case morning, afternoon, evening
}

/// Which day the caller wants, resolved against "now" in the practice's calendar.
public enum DayPreference: Sendable, Hashable, CustomStringConvertible {
    /// A definite day.
    case date(CalendarDay)
    /// Any day of the week starting on this Monday (`next week`, `this week`).
    case week(startingOn: CalendarDay)
    /// The first free slot (`as soon as possible`, `earliest`).
    case asSoonAsPossible

    /// `2025-03-18`, `week of 2025-03-17`, `asap`: the form the labelled set uses.
    public var description: String {
        switch self {
        case .date(let day): return day.description
        case .week(let monday): return "week of \(monday)"
        case .asSoonAsPossible: return "asap"
        }
    }
}

/// When in the day the caller wants.
public enum TimePreference: Sendable, Hashable, CustomStringConvertible {
    case at(ClockTime)
    case after(ClockTime)
    case before(ClockTime)
    case partOfDay(PartOfDay)

    /// `15:30`, `after 16:00`, `before 12:00`, `morning`: the form the labelled set uses.
    public var description: String {
        switch self {
        case .at(let time): return time.description
        case .after(let time): return "after \(time)"
        case .before(let time): return "before \(time)"
        case .partOfDay(let part): return part.rawValue
        }
    }
}

/// A yes or a no.
public enum YesNo: String, Sendable, Hashable {
    case yes, no
}

/// The details found in one utterance; each is `nil` when the text does not say it.
public struct Slots: Sendable, Equatable {
    /// One of the practice's doctors, as given in the doctor list (`Dr. Patel`).
    public var doctor: String?
    public var day: DayPreference?
    public var time: TimePreference?
    public var dateOfBirth: CalendarDay?
    /// The caller's or patient's name as said, each word capitalized (`Maria Lopez`).
    public var patientName: String?
    /// Digits only, `5551234567`.
    public var phoneNumber: String?
    public var answer: YesNo?
    /// What the visit is for, as said, without a leading article (`sore throat`).
    public var reason: String?

    public init() {}

    /// Every slot that is set, as `name → value` in the labelled set's string forms.
    public var labelled: [String: String] {
        var values: [String: String] = [:]
        values["doctor"] = self.doctor
        values["day"] = self.day?.description
        values["time"] = self.time?.description
        values["dateOfBirth"] = self.dateOfBirth?.description
        values["name"] = self.patientName
        values["phone"] = self.phoneNumber
        values["answer"] = self.answer?.rawValue
        values["reason"] = self.reason
        return values
    }

    /// The slot names in `labelled`, in the order reports list them.
    public static let names = ["doctor", "day", "time", "dateOfBirth", "name", "phone", "answer", "reason"]
}

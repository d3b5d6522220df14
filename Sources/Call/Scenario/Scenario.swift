import Dialogue
import Foundation
import Practice

/// A scripted call: who rings, what the practice knows about them beforehand, what they say to each question, and
/// what a correct receptionist ends up doing.
///
/// Read from JSON by `Scenario(contentsOf:)`; the format is described in `scenarios/README.md`. Audio paths are
/// resolved against the scenario file's folder when it is read.
public struct Scenario: Sendable, Equatable {
    /// Names the call in reports and output folders.
    public var id: String

    /// One line on what the call tests.
    public var description: String?

    /// When the call starts, on the practice's wall clock.
    public var now: LocalDateTime

    /// The number the network reports, when it reports one.
    public var callerNumber: String?

    /// A patient the practice knows before the call, with their booked appointments.
    public var patient: ScenarioPatient?

    /// What the caller says after the greeting; `nil` for a caller who says nothing.
    public var opening: URL?

    /// What the caller says to each question: successive attempts, the last repeated when asked again.
    public var answers: [AnswerSlot: [URL]]

    /// Questions the caller answers over the agent's prompt: milliseconds after the agent starts asking.
    public var bargeInMilliseconds: [AnswerSlot: Int]

    /// Digits the caller types when the agent offers the keypad for that question.
    public var keypad: [AnswerSlot: String]

    /// The caller hangs up when asked this.
    public var hangUpOn: AnswerSlot?

    /// The agent's own audio heard back in the caller's line.
    public var echo: EchoPath?

    /// What the call must come to.
    public var expectation: ScenarioExpectation

    /// What the caller says when the agent reads back something they did not say ("no, that's not right");
    /// without it such a caller says nothing.
    public var denial: URL? = nil

    /// The words of each recording, from the `audio.tsv` beside the scenario file when there is one: what lets the
    /// caller tell a right read-back from a wrong one. Without them, the caller agrees with every read-back.
    public var transcripts: [URL: String] = [:]

    /// The attempts for `slot` (the opening for `.opening`); empty when the caller has no answer.
    public func attempts(for slot: AnswerSlot) -> [URL] {
        slot == .opening ? (self.opening.map { [$0] } ?? []) : self.answers[slot] ?? []
    }
}

/// A wall-clock date and time without a zone: the scenario's `now` and an appointment's start.
public struct LocalDateTime: Sendable, Hashable, CustomStringConvertible {
    public var date: LocalDate
    public var time: ClockTime
    /// Seconds past the minute, 0…59.
    public var second: Int

    /// Reads `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, or `nil`.
    public init?(_ text: String) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(String(parts[0])) else { return nil }
        let clock = parts[1]
        var second = 0
        if clock.count == 8 {
            guard clock[clock.index(clock.startIndex, offsetBy: 5)] == ":",
                let seconds = Int(clock.suffix(2)), (0..<60).contains(seconds)
            else { return nil }
            second = seconds
        } else if clock.count != 5 {
            return nil
        }
        guard let time = ClockTime(String(clock.prefix(5))) else { return nil }
        self.date = date
        self.time = time
        self.second = second
    }

    /// `2026-12-07T09:00:00`.
    public var description: String {
        "\(self.date)T\(self.time):" + String(format: "%02d", self.second)
    }

    /// The instant on `practice`'s clock, or `nil` for a wall time that does not exist there.
    public func instant(in practice: PracticeConfiguration) -> Date? {
        practice.instant(on: self.date, at: self.time).map { $0.addingTimeInterval(Double(self.second)) }
    }
}

/// A patient in the practice before the call.
public struct ScenarioPatient: Sendable, Equatable {
    public var name: String
    public var dateOfBirth: LocalDate
    public var phone: String?
    /// Booked appointments: doctor display name and start.
    public var appointments: [(doctor: String, start: LocalDateTime)]

    public static func == (lhs: ScenarioPatient, rhs: ScenarioPatient) -> Bool {
        lhs.name == rhs.name && lhs.dateOfBirth == rhs.dateOfBirth && lhs.phone == rhs.phone
            && lhs.appointments.elementsEqual(rhs.appointments) { $0.doctor == $1.doctor && $0.start == $1.start }
    }
}

/// An echo path: the agent's audio delayed and attenuated, added to what the caller's line carries.
public struct EchoPath: Sendable, Hashable {
    public var delayMilliseconds: Int
    public var gainDB: Double
}

/// How a scripted call must end.
public struct ScenarioExpectation: Sendable, Equatable {
    /// The request's intent (`Intent` raw value); `nil` to leave it unchecked.
    public var intent: String?
    public var isUrgent: Bool?
    /// `booked`, `cancelled`, `rescheduled`, `answered`, `message_taken`, `transferred` or `abandoned`.
    public var outcome: String
    /// The booked doctor's display name.
    public var doctor: String?
    /// The booked appointment's weekday, lower case (`tuesday`).
    public var weekday: String?
    /// `morning` (before 12:00), `afternoon` (12:00–17:00) or `evening`.
    public var period: String?
    public var isTransferred: Bool?

    /// The outcomes a scenario may expect.
    public static let outcomes = [
        "booked", "cancelled", "rescheduled", "answered", "message_taken", "transferred", "abandoned",
    ]
}

import Foundation
import Practice
import Understanding

/// `attendant understand "<text>"`: intent, confidence, urgency and slots of one caller utterance.
struct UnderstandCommand: Command {
    let name = "understand"
    let summary = "Intent, urgency and details of one caller utterance (text)"
    let usage = """
        Usage: attendant understand "<text>" [--now ISO8601] [--time-zone ID] [--doctors LIST] [--json]

        Reads one caller utterance as text and prints its intent with a confidence (0-1), whether it is urgent
        (and which phrase made it so), and the slots found: doctor, day and time preference (dates resolved
        against --now, in ISO 8601), date of birth, name, phone digits, yes/no and reason.

        Options:
          --now ISO8601    The moment the caller speaks, e.g. 2025-03-11T09:30:00-05:00 (default: now).
          --time-zone ID   The practice's time zone, e.g. America/Chicago or +01:00 (default: the offset in
                           --now, or the machine's time zone).
          --doctors LIST   The practice's doctors, comma-separated (default: Dr. Grant,Dr. Patel,Dr. Lee).
          --json           One JSON object instead of text.
        """

    /// The embedded default practice's doctors.
    static let defaultDoctors = PracticeConfiguration.default.doctors.map(\.name)

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: ["now", "time-zone", "doctors"])
        let text = try parsed.positional(0, named: "text")
        try parsed.expectPositionalCount(atMost: 1)
        let clock = try UnderstandingClock(now: parsed.options["now"], timeZone: parsed.options["time-zone"])
        let doctors = parsed.options["doctors"].map(Self.doctorList) ?? Self.defaultDoctors
        guard !doctors.isEmpty else { throw UsageError("--doctors needs at least one name") }

        let understander = Understander(doctors: doctors, calendar: clock.calendar)
        let result = understander.understand(text, now: clock.now)
        if parsed.has("json") {
            console.print(UnderstandingReport.json(result, calendar: clock.calendar))
        } else {
            for line in UnderstandingReport.lines(result, calendar: clock.calendar) { console.print(line) }
        }
        return ExitStatus.success
    }

    static func doctorList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// "Now" and the practice's calendar from the command line's `--now` and `--time-zone`.
struct UnderstandingClock {
    var now: Date
    var calendar: Calendar

    /// - Throws: `UsageError` when the time or the time zone cannot be read.
    init(now text: String?, timeZone zoneText: String?) throws {
        var zone = TimeZone.current
        if let text {
            guard let (date, offset) = Self.parse(text) else {
                throw UsageError(
                    "--now must be an ISO 8601 date and time such as 2025-03-11T09:30:00-05:00, not '\(text)'")
            }
            self.now = date
            if let offset, let fixed = TimeZone(secondsFromGMT: offset) { zone = fixed }
        } else {
            self.now = Date()
        }
        if let zoneText {
            guard
                let named = TimeZone(identifier: zoneText)
                    ?? Self.parse("2000-01-01T00:00:00" + zoneText).flatMap({
                        $0.1.flatMap(TimeZone.init(secondsFromGMT:))
                    })
            else {
                throw UsageError(
                    "--time-zone must be a zone name such as America/Chicago or an offset such as -05:00, not '\(zoneText)'"
                )
            }
            zone = named
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// An ISO 8601 date-time (with `Z` or a `±hh:mm` offset, or none for local time) or a date alone, and the
    /// offset in seconds when one was given.
    static func parse(_ text: String) -> (Date, Int?)? {
        let withZone = ISO8601DateFormatter()
        withZone.formatOptions = [.withInternetDateTime]
        if let date = withZone.date(from: text) {
            if text.hasSuffix("Z") { return (date, 0) }
            let sign: Int =
                text.dropLast(6).last.map { _ in text[text.index(text.endIndex, offsetBy: -6)] == "-" ? -1 : 1 } ?? 1
            let hours = Int(text.suffix(5).prefix(2)) ?? 0
            let minutes = Int(text.suffix(2)) ?? 0
            return (date, sign * (hours * 3600 + minutes * 60))
        }
        let local = ISO8601DateFormatter()
        local.timeZone = TimeZone.current
        for options: ISO8601DateFormatter.Options in [
            [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime], [.withFullDate],
        ] {
            local.formatOptions = options
            if let date = local.date(from: text) { return (date, nil) }
        }
        return nil
    }
}

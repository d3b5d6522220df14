import Practice
import Testing

/// Every way a configuration is refused, with the exact field path and reason.
@Suite("Practice configuration validation")
struct PracticeValidationTests {
    typealias Fixture = PracticeFixture

    /// One refused configuration: the file's text, and the path and reason the error must give.
    struct Case: CustomTestStringConvertible, Sendable {
        var json: String
        var path: String
        var reason: String

        var testDescription: String { "\(self.path): \(self.reason)" }
    }

    static let cases: [Case] = [
        // Opening hours.
        Case(
            json: Fixture.json(openingHours: #"{"monday": "8:3O-12:00"}"#), path: "openingHours.monday",
            reason: "'8:3O' is not a time (HH:MM)"),
        Case(
            json: Fixture.json(openingHours: #"{"monday": "08:30"}"#), path: "openingHours.monday",
            reason: "'08:30' is not a time range (HH:MM-HH:MM)"),
        Case(
            json: Fixture.json(openingHours: #"{"monday": "18:00-08:30"}"#), path: "openingHours.monday",
            reason: "18:00-08:30 does not end after it starts (a range stays within one day)"),
        Case(
            json: Fixture.json(openingHours: #"{"monday": ["08:30-12:00", "11:00-14:00"]}"#),
            path: "openingHours.monday[1]",
            reason: "11:00-14:00 does not start after 08:30-12:00 ends; list a day's ranges in order, with a gap"
                + " between them"),
        Case(
            json: Fixture.json(openingHours: #"{"monday": ["08:30-12:00", 13]}"#), path: "openingHours.monday[1]",
            reason: "expected a time range such as \"08:30-12:00\", found a number"),
        Case(
            json: Fixture.json(openingHours: #"{"weekdays": "08:30-18:00"}"#), path: "openingHours.weekdays",
            reason: "unknown weekday (expected monday, tuesday, wednesday, thursday, friday, saturday, sunday)"),
        Case(
            json: Fixture.json(openingHours: #"{"funday": "08:30-18:00"}"#), path: "openingHours.funday",
            reason: "unknown weekday (did you mean 'sunday'?)"),
        Case(
            json: Fixture.json(openingHours: #"{"Monday": "08:30-18:00"}"#), path: "openingHours.Monday",
            reason: "unknown weekday (did you mean 'monday'?)"),
        Case(
            json: Fixture.json(openingHours: #""08:30-18:00""#), path: "openingHours",
            reason: "expected an object of weekdays (\"monday\": \"08:30-18:00\"), found a string"),

        // The practice's own fields.
        Case(json: Fixture.json(name: #""   ""#), path: "name", reason: "is empty"),
        Case(json: Fixture.json(name: "42"), path: "name", reason: "expected a string, found a number"),
        Case(
            json: Fixture.json(timeZone: #""Mars/Olympus""#), path: "timeZone",
            reason: "'Mars/Olympus' is not a time zone (an IANA name such as America/New_York or Europe/London)"),
        Case(
            json: Fixture.json(extra: #""emergencyNumbr": "911""#), path: "emergencyNumbr",
            reason: "unknown field (did you mean 'emergencyNumber'?)"),
        Case(
            json: Fixture.json(extra: #""colour": "blue""#), path: "colour",
            reason: "unknown field (expected name, address, directions, phone, timeZone, openingHours, exceptions,"
                + " doctors, services, faq, emergencyNumber, transferTargets, afterHours)"),
        Case(
            json: #"{"name": "Test Practice"}"#, path: "address", reason: "missing (the street address)"),

        // Doctors.
        Case(
            json: Fixture.json(
                doctors: #"""
                    [{"name": "Dr. Grant", "appointmentMinutes": 15},
                     {"name": "Dr. Patel", "appointmentMinutes": 15, "hours": {"tuesday": "07:00-12:00"}}]
                    """#),
            path: "doctors[1].hours.tuesday", reason: "07:00-12:00 starts before the practice opens (08:30)"),
        Case(
            json: Fixture.json(
                doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 15, "hours": {"monday": "14:00-18:30"}}]"#),
            path: "doctors[0].hours.monday", reason: "14:00-18:30 ends after the practice closes (18:00)"),
        Case(
            json: Fixture.json(
                openingHours: #"{"monday": ["08:30-12:00", "14:00-18:00"]}"#,
                doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 15, "hours": {"monday": "12:30-14:00"}}]"#),
            path: "doctors[0].hours.monday", reason: "12:30-14:00 starts while the practice is closed (12:00-14:00)"),
        Case(
            json: Fixture.json(
                doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 15, "hours": {"sunday": "09:00-12:00"}}]"#),
            path: "doctors[0].hours.sunday", reason: "09:00-12:00 is on a day the practice is closed"),
        Case(
            json: Fixture.json(
                doctors: #"""
                    [{"name": "Dr. Patel", "appointmentMinutes": 15},
                     {"name": "doctor patel", "appointmentMinutes": 15}]
                    """#),
            path: "doctors[1].name", reason: "'doctor patel' is the same doctor as doctors[0] ('Dr. Patel')"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr.", "appointmentMinutes": 15}]"#), path: "doctors[0].name",
            reason: "'Dr.' has no name after the title"),
        Case(
            json: Fixture.json(
                doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 15, "hours": {"monday": "08:30-12:10"}}]"#),
            path: "doctors[0].hours.monday",
            reason: "08:30-12:10 (220 minutes) is not a whole number of 15-minute appointments"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 20}]"#),
            path: "doctors[0].appointmentMinutes",
            reason: "the practice's hours on monday (08:30-18:00) are not a whole number of 20-minute appointments;"
                + " give this doctor hours"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 0}]"#),
            path: "doctors[0].appointmentMinutes", reason: "must be at least 1 minute, not 0"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": -15}]"#),
            path: "doctors[0].appointmentMinutes", reason: "must be at least 1 minute, not -15"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 1e300}]"#),
            path: "doctors[0].appointmentMinutes", reason: "must be at most 1440 minutes (a day), not 1e+300"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": 7.5}]"#),
            path: "doctors[0].appointmentMinutes", reason: "7.5 is not a whole number of minutes"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "appointmentMinutes": "15"}]"#),
            path: "doctors[0].appointmentMinutes", reason: "expected a whole number of minutes, found a string"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee"}]"#), path: "doctors[0].appointmentMinutes",
            reason: "missing (the length of one appointment, e.g. 15)"),
        Case(
            json: Fixture.json(doctors: #"[{"name": "Dr. Lee", "apointmentMinutes": 15}]"#),
            path: "doctors[0].apointmentMinutes", reason: "unknown field (did you mean 'appointmentMinutes'?)"),
        Case(json: Fixture.json(doctors: "[]"), path: "doctors", reason: "needs at least one doctor"),

        // Exceptions.
        Case(
            json: Fixture.json(extra: #""exceptions": [{"date": "2026-02-30", "closed": true}]"#),
            path: "exceptions[0].date", reason: "'2026-02-30' is not a date (YYYY-MM-DD)"),
        Case(
            json: Fixture.json(
                extra:
                    #""exceptions": [{"date": "2026-12-25", "closed": true}, {"date": "2026-12-25", "closed": true}]"#
            ),
            path: "exceptions[1].date", reason: "2026-12-25 is listed twice (also exceptions[0])"),
        Case(
            json: Fixture.json(
                extra: #""exceptions": [{"date": "2026-12-24", "closed": true, "hours": "08:30-12:00"}]"#),
            path: "exceptions[0]", reason: "give either \"closed\": true or \"hours\", not both"),
        Case(
            json: Fixture.json(extra: #""exceptions": [{"date": "2026-12-24"}]"#), path: "exceptions[0].hours",
            reason: "missing (the day's hours, e.g. \"09:00-12:00\", or \"closed\": true)"),
        Case(
            json: Fixture.json(extra: #""exceptions": [{"date": "2026-12-24", "hours": "09:00-1200"}]"#),
            path: "exceptions[0].hours", reason: "'1200' is not a time (HH:MM)"),
        Case(
            json: Fixture.json(extra: #""exceptions": [{"date": "2026-12-24", "closed": "yes"}]"#),
            path: "exceptions[0].closed", reason: "expected true or false, found a string"),

        // Services, FAQ, numbers, transfer targets, after hours.
        Case(
            json: Fixture.json(extra: #""services": ["Blood tests", "blood tests"]"#), path: "services[1]",
            reason: "'blood tests' is listed twice (also services[0])"),
        Case(
            json: Fixture.json(extra: #""faq": {"parking": ""}"#), path: "faq.parking", reason: "is empty"),
        Case(
            json: Fixture.json(extra: #""faq": {"where do I park": 3}"#), path: "faq[\"where do I park\"]",
            reason: "expected a string, found a number"),
        Case(
            json: Fixture.json(extra: #""phone": "call us""#).replacingOccurrences(
                of: #""phone": "+1 555-010-0100","#, with: ""),
            path: "phone", reason: "'call us' is not a phone number or extension (digits, with + - ( ) . and spaces)"),
        Case(
            json: Fixture.json().replacingOccurrences(
                of: #""emergencyNumber": "911""#, with: #""emergencyNumber": "9-1-1""#),
            path: "emergencyNumber", reason: "'9-1-1' is not an emergency number (digits only, e.g. 911)"),
        Case(
            json: Fixture.json(extra: #""transferTargets": [{"name": "Reception", "number": "20x"}]"#),
            path: "transferTargets[0].number",
            reason: "'20x' is not a phone number or extension (digits, with + - ( ) . and spaces)"),
        Case(
            json: Fixture.json(
                extra: #""transferTargets": [{"name": "Desk", "number": "1"}, {"name": "desk", "number": "2"}]"#),
            path: "transferTargets[1].name", reason: "'desk' is listed twice (also transferTargets[0])"),
        Case(
            json: Fixture.json(extra: #""afterHours": "voicemail""#), path: "afterHours",
            reason: "unknown value 'voicemail' (expected takeMessage, transfer, emergencyInstructionsThenMessage)"),
        Case(
            json: Fixture.json(extra: #""afterHours": "takemessage""#), path: "afterHours",
            reason: "unknown value 'takemessage' (did you mean 'takeMessage'?)"),
        Case(
            json: Fixture.json(extra: #""afterHours": "transfer""#), path: "afterHours",
            reason: "transfer needs a target: write {\"action\": \"transfer\", \"target\": NAME} with NAME one of"
                + " transferTargets"),
        Case(
            json: Fixture.json(
                extra:
                    #"""
                    "transferTargets": [{"name": "Reception", "number": "201"}],
                    "afterHours": {"action": "transfer", "target": "Nurse"}
                    """#
            ),
            path: "afterHours.target", reason: "'Nurse' is not one of transferTargets (Reception)"),
        Case(
            json: Fixture.json(extra: #""afterHours": {"action": "takeMessage", "target": "Reception"}"#),
            path: "afterHours.target", reason: "a target only goes with \"action\": \"transfer\""),

        // The file as a whole.
        Case(json: "[1, 2]", path: "", reason: "the configuration must be a JSON object ({ … }), not a list"),
    ]

    @Test("a bad configuration is refused with its field path and reason", arguments: Self.cases)
    func refused(_ testCase: Case) {
        let error = Fixture.error(testCase.json)
        #expect(error?.fieldPath == testCase.path)
        #expect(error?.reason == testCase.reason)
    }

    @Test("the error's description is what the CLI prints: path, colon, reason")
    func description() {
        let error = PracticeConfigurationError(
            "doctors[1].hours.tuesday", "07:00-12:00 starts before the practice opens (08:30)")
        #expect(error.description == "doctors[1].hours.tuesday: 07:00-12:00 starts before the practice opens (08:30)")
        #expect(PracticeConfigurationError("", "not valid JSON").description == "not valid JSON")
    }

    @Test("text that is not JSON is refused for the whole file, never a crash")
    func notJSON() {
        for text in ["", "{", "{\"name\": }", "name = Riverside", "\u{FEFF}\u{0}"] {
            let error = Fixture.error(text)
            #expect(error?.fieldPath == "", "\(text)")
            #expect(error?.reason.hasPrefix("not valid JSON") == true, "\(text): \(String(describing: error))")
        }
        #expect(Fixture.error("{\"a\": 1,,}")?.reason == "not valid JSON: Invalid value around character 8.")
    }

    @Test("a minimal file is accepted, with the defaults for what it leaves out")
    func minimal() throws {
        let practice = try Fixture.practice(Fixture.json())
        #expect(practice.afterHours == .emergencyInstructionsThenMessage)
        #expect(practice.exceptions.isEmpty && practice.services.isEmpty && practice.faq.isEmpty)
        #expect(practice.directions == nil)
        #expect(practice.doctors[0].hours == practice.openingHours, "a doctor without hours works opening hours")
        #expect(practice.openingHours[.wednesday].isEmpty)
    }

    @Test("after-hours transfer names a transfer target, matched ignoring case")
    func afterHoursTransfer() throws {
        let practice = try Fixture.practice(
            Fixture.json(
                extra: #"""
                    "transferTargets": [{"name": "On-call nurse", "number": "+1 (555) 010-0199"}],
                    "afterHours": {"action": "transfer", "target": "on-call NURSE"}
                    """#))
        #expect(practice.afterHours == .transfer(target: "On-call nurse"))
        #expect(try Fixture.practice(Fixture.json(extra: #""afterHours": "takeMessage""#)).afterHours == .takeMessage)
    }
}

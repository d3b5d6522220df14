import AttendantTestSupport
import Foundation
import Practice
import Testing

@testable import CLI

/// `attendant schedule` end to end with a capturing console, on database files in scratch folders.
@Suite("Schedule command")
struct ScheduleCommandTests {
    let tool = AttendantCommandLine()
    let practice = PracticeConfiguration.default

    /// Monday 7 December 2026, 09:00 in New York.
    let now = Date(timeIntervalSince1970: 1_796_652_000)

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    func scratch() throws -> URL {
        try TestPaths.makeScratchDirectory(label: "attendant-schedule")
    }

    /// The doctor's slot starting at `time` (`HH:MM`) on `date`, which must be one of their slots.
    func slot(_ doctor: String, _ date: String, _ time: String) throws -> Date {
        let doctor = try #require(self.practice.doctor(withName: doctor))
        let day = try #require(LocalDate(date))
        let clock = try #require(ClockTime(time))
        try #require(self.practice.slotTimes(for: doctor, on: day).contains(clock), "\(doctor.name) \(date) \(time)")
        return try #require(self.practice.instant(on: day, at: clock))
    }

    func booked(_ result: BookingResult) throws -> Appointment {
        guard case .booked(let appointment) = result else {
            Issue.record("not booked: \(result)")
            throw ScheduleFailure("not booked")
        }
        return appointment
    }

    /// A database with three booked appointments, one cancelled and one rescheduled (1 → 4):
    /// 1 Lee Tue 10:00 (rescheduled), 2 Patel Tue 09:00, 3 Grant Thu 09:30 (cancelled), 4 Lee Fri 10:00.
    func populated() throws -> String {
        let path = try self.scratch().appendingPathComponent("schedule.sqlite").path
        let store = try ScheduleStore(path: path, practice: self.practice)
        let maria = try store.findOrRegisterPatient(
            name: "Maria Lopez", dateOfBirth: try #require(LocalDate("1984-03-09")), phone: "+15550123")
        let tom = try store.findOrRegisterPatient(name: "Tom Baker", dateOfBirth: try #require(LocalDate("1950-01-20")))

        let first = try self.booked(
            store.book(
                patientID: maria.id, doctorName: "Dr. Lee", start: try self.slot("Dr. Lee", "2026-12-08", "10:00"),
                now: self.now))
        _ = try self.booked(
            store.book(
                patientID: tom.id, doctorName: "Dr. Patel", start: try self.slot("Dr. Patel", "2026-12-08", "09:00"),
                now: self.now))
        let third = try self.booked(
            store.book(
                patientID: tom.id, doctorName: "Dr. Grant", start: try self.slot("Dr. Grant", "2026-12-10", "09:30"),
                now: self.now))
        try store.cancel(appointmentID: third.id, now: self.now)
        _ = try self.booked(
            store.reschedule(
                appointmentID: first.id, to: try self.slot("Dr. Lee", "2026-12-11", "10:00"), now: self.now))
        return path
    }

    @Test("list prints the booked appointments soonest first on the practice's clock; --all adds history")
    func listTable() throws {
        let path = try self.populated()
        let (status, console) = self.run(["schedule", "list", "--db", path])
        #expect(status == ExitStatus.success, "\(console.errors)")
        let lines = console.output.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(console.output)")
        #expect(lines[0].hasPrefix("id  start (America/New_York)"))
        #expect(lines[1].hasPrefix("2   2026-12-08 09:00") && lines[1].hasSuffix("Dr. Patel  Tom Baker"))
        #expect(lines[2].hasPrefix("4   2026-12-11 10:00") && lines[2].hasSuffix("Maria Lopez"))

        let all = self.run(["schedule", "list", "--db", path, "--all"]).console.output
        let allLines = all.split(separator: "\n").map(String.init)
        try #require(allLines.count == 5, "\(all)")
        #expect(allLines[1].hasPrefix("2 ") && allLines[1].hasSuffix("booked"))
        #expect(allLines[2].hasPrefix("1 ") && allLines[2].hasSuffix("rescheduled  replaced by 4"))
        #expect(allLines[3].hasPrefix("3 ") && allLines[3].hasSuffix("cancelled"))
        #expect(allLines[4].hasPrefix("4 ") && allLines[4].hasSuffix("booked       replaces 1"))
    }

    @Test("list filters by day range and doctor, and --json gives one object with UTC instants and links")
    func listFiltersAndJSON() throws {
        let path = try self.populated()
        let ranged = self.run(["schedule", "list", "--db", path, "--from", "2026-12-09", "--to", "2026-12-11"])
        #expect(ranged.status == ExitStatus.success)
        #expect(ranged.console.output.split(separator: "\n").count == 2, "only appointment 4")
        let patel = self.run(["schedule", "list", "--db", path, "--doctor", "patel"]).console.output
        #expect(patel.split(separator: "\n").count == 2 && patel.contains("Dr. Patel"))

        let (status, console) = self.run(["schedule", "list", "--db", path, "--all", "--json", "--doctor", "Dr. Lee"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["timeZone"] as? String == "America/New_York")
        let appointments = try #require(object["appointments"] as? [[String: Any]])
        #expect(appointments.compactMap { $0["id"] as? Int } == [1, 4])
        #expect(appointments.first?["status"] as? String == "rescheduled")
        #expect(appointments.first?["replacedByID"] as? Int == 4)
        #expect(appointments.last?["replacesID"] as? Int == 1)
        #expect(appointments.last?["start"] as? String == "2026-12-11T15:00:00Z")
        #expect(appointments.last?["end"] as? String == "2026-12-11T15:15:00Z")
        #expect(appointments.last?["patient"] as? String == "Maria Lopez")
    }

    @Test("export writes RFC 5545 text: CRLF, escaped TEXT, lines folded at 75 octets, UTC instants, stable UID")
    func exportGolden() throws {
        let folder = try self.scratch()
        let path = folder.appendingPathComponent("schedule.sqlite").path
        let store = try ScheduleStore(path: path, practice: self.practice)
        let patient = try store.findOrRegisterPatient(
            name: #"O'Brien, Anne; "Annie" \ Featherstonehaugh-Smythe"#,
            dateOfBirth: try #require(LocalDate("1961-11-02")), phone: "+1 555 0199")
        _ = try self.booked(
            store.book(
                patientID: patient.id, doctorName: "Dr. Patel",
                start: try self.slot("Dr. Patel", "2026-12-09", "09:00"),
                now: self.now))
        let ics = folder.appendingPathComponent("out.ics")

        let (status, console) = self.run(["schedule", "export", "--db", path, "--ics", ics.path])
        #expect(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output == "wrote 1 appointment to \(ics.path)\n")
        let expected = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Attendant//Attendant \(AttendantVersion.current)//EN",
            "CALSCALE:GREGORIAN",
            "BEGIN:VEVENT",
            "UID:appointment-1@riverside-family-practice.attendant.invalid",
            "DTSTAMP:20261207T140000Z",
            "DTSTART:20261209T140000Z",
            "DTEND:20261209T141500Z",
            #"SUMMARY:Dr. Patel: O'Brien\, Anne\; "Annie" \\ Featherstonehaugh-Smythe"#,
            #"LOCATION:12 River Street\, Riverside"#,
            #"DESCRIPTION:Patient: O'Brien\, Anne\; "Annie" \\ Featherstonehaugh-Smythe\n"#,
            #" Phone: +1 555 0199\n15-minute appointment 1\, booked by Attendant"#,
            "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        let written = try Data(contentsOf: ics)
        #expect(String(decoding: written, as: UTF8.self) == expected.map { $0 + "\r\n" }.joined())
    }

    @Test("folding counts octets, never splits a UTF-8 sequence, and unfolds to the original line")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "é", count: 40) + String(repeating: "x", count: 100) + "😀"
        let folded = ICalendarWriter.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.utf8.count <= 75 })
        #expect(parts.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(parts.map { Array($0.utf8) }.joined().count == line.utf8.count + parts.count - 1)
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendarWriter.fold("SUMMARY:short") == "SUMMARY:short")
        #expect(ICalendarWriter.escape("a\\b;c,d\ne\r\nf") == #"a\\b\;c\,d\ne\nf"#)
    }

    @Test("import-patients adds a good CSV's patients, with quoted commas and quotes, and counts those known")
    func importGood() throws {
        let folder = try self.scratch()
        let db = folder.appendingPathComponent("schedule.sqlite").path
        let csv = folder.appendingPathComponent("patients.csv")
        try
            "name,dateOfBirth,phone\r\n\"Lopez, Maria\",1984-03-09,+1 555 0123\r\n\r\n\"Ann \"\"Annie\"\" Lee\",1975-05-05,\r\n"
            .write(to: csv, atomically: true, encoding: .utf8)

        let (status, console) = self.run(["schedule", "import-patients", csv.path, "--db", db])
        #expect(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output == "added 2 patients, 0 already present\n")
        #expect(console.errors.isEmpty)
        let again = self.run(["schedule", "import-patients", csv.path, "--db", db])
        #expect(again.status == ExitStatus.success)
        #expect(again.console.output == "added 0 patients, 2 already present\n")

        let store = try ScheduleStore(path: db, practice: self.practice)
        let maria = try store.patient(name: "lopez, maria", dateOfBirth: try #require(LocalDate("1984-03-09")))
        #expect(maria?.name == "Lopez, Maria" && maria?.phone == "+1 555 0123")
        let ann = try store.patient(name: #"Ann "Annie" Lee"#, dateOfBirth: try #require(LocalDate("1975-05-05")))
        #expect(ann != nil && ann?.phone == nil)
    }

    @Test("import-patients skips each bad line with its number and reason, imports the rest, and exits 1")
    func importBad() throws {
        let folder = try self.scratch()
        let db = folder.appendingPathComponent("schedule.sqlite").path
        let csv = folder.appendingPathComponent("patients.csv")
        try """
        name,dateOfBirth,phone
        Good One,1980-01-01,555 0100
        Bad Date,1990-13-01,
        Too Many,1980-01-01,555,x
        ,1980-01-01,
        Bad Phone,1980-01-01,call me
        Stray "quote",1980-01-01,
        "Good, Two",1981-02-03,
        "Never closed,1970-01-01,

        """.write(to: csv, atomically: true, encoding: .utf8)

        let (status, console) = self.run(["schedule", "import-patients", csv.path, "--db", db])
        #expect(status == ExitStatus.failure)
        #expect(console.output == "added 2 patients, 0 already present, 6 lines skipped\n")
        let p = csv.path
        #expect(
            console.errors == """
                \(p):3: dateOfBirth '1990-13-01' is not a date (YYYY-MM-DD); line skipped
                \(p):4: 4 fields, not 3; line skipped
                \(p):5: the name is blank; line skipped
                \(p):6: phone 'call me' is not a phone number (digits with + - ( ) . and spaces); line skipped
                \(p):7: a quote inside an unquoted field; line skipped
                \(p):9: a quoted field is never closed; line skipped

                """)
    }

    @Test("a wrong header refuses the whole file before a database is created")
    func importWrongHeader() throws {
        let folder = try self.scratch()
        let db = folder.appendingPathComponent("schedule.sqlite").path
        let csv = folder.appendingPathComponent("patients.csv")
        try "name,dob\nMaria,1984-03-09\n".write(to: csv, atomically: true, encoding: .utf8)
        let (status, console) = self.run(["schedule", "import-patients", csv.path, "--db", db])
        #expect(status == ExitStatus.failure)
        #expect(
            console.errors
                == "attendant schedule: \(csv.path):1: the header must be name,dateOfBirth,phone, not name,dob\n")
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("bad input exits 1 with a message: not SQLite, missing database, missing CSV, unknown doctor")
    func badInput() throws {
        let folder = try self.scratch()
        let notSQLite = folder.appendingPathComponent("notes.sqlite")
        try "these are not the tables you are looking for\n".write(to: notSQLite, atomically: true, encoding: .utf8)
        let broken = self.run(["schedule", "list", "--db", notSQLite.path])
        #expect(broken.status == ExitStatus.failure)
        #expect(broken.console.errors.contains("\(notSQLite.path): not an SQLite database"))
        #expect(try String(contentsOf: notSQLite, encoding: .utf8).hasPrefix("these are not"), "left as it was")

        let missing = folder.appendingPathComponent("missing.sqlite").path
        let absent = self.run([
            "schedule", "export", "--db", missing, "--ics", folder.appendingPathComponent("x.ics").path,
        ])
        #expect(absent.status == ExitStatus.failure)
        #expect(absent.console.errors.contains("\(missing): no schedule database there"))
        #expect(!FileManager.default.fileExists(atPath: missing))

        let noCSV = self.run(["schedule", "import-patients", "/nonexistent/patients.csv", "--db", missing])
        #expect(noCSV.status == ExitStatus.failure)
        #expect(noCSV.console.errors.hasPrefix("attendant schedule: /nonexistent/patients.csv: cannot read the file"))

        let path = try self.populated()
        let doctor = self.run(["schedule", "list", "--db", path, "--doctor", "Dr. Who"])
        #expect(doctor.status == ExitStatus.failure)
        #expect(doctor.console.errors.contains("no doctor 'Dr. Who' in Riverside Family Practice"))
    }

    @Test("usage errors exit 64: no subcommand, an unknown one, a bad DATE, --to before --from, export without --ics")
    func usage() throws {
        let path = try self.populated()
        let cases: [[String]] = [
            ["schedule"], ["schedule", "show"], ["schedule", "list", "--db", path, "--from", "2026-12-32"],
            ["schedule", "list", "--db", path, "--from", "2026-12-10", "--to", "2026-12-09"],
            ["schedule", "export", "--db", path], ["schedule", "list", "--jsn"],
        ]
        for arguments in cases {
            let (status, console) = self.run(arguments)
            #expect(status == ExitStatus.usage, "\(arguments)")
            #expect(console.errors.contains("Usage: attendant schedule list"), "\(arguments)")
        }
    }
}

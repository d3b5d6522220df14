import Foundation
import Practice

/// `attendant schedule list` and `attendant schedule export`.
extension ScheduleCommand {
    func runList(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "all"], options: ["db", "practice", "from", "to", "doctor"])
        try parsed.expectPositionalCount(atMost: 0)
        let practice = try self.practice(parsed)
        let range = try self.dateRange(parsed, practice: practice)
        var doctorName: String?
        if let spoken = parsed.options["doctor"] {
            guard let doctor = practice.doctor(matching: spoken) else {
                let names = practice.doctors.map(\.name).joined(separator: ", ")
                throw ScheduleFailure("no doctor '\(spoken)' in \(practice.name) (its doctors: \(names))")
            }
            doctorName = doctor.name
        }
        let store = try self.openStore(parsed, practice: practice, mustExist: true)

        let statuses: Set<AppointmentStatus> = parsed.has("all") ? Set(AppointmentStatus.allCases) : [.booked]
        let appointments = try store.appointments(
            from: range.from, to: range.to, doctorName: doctorName, statuses: statuses)
        let rows = try ScheduleListing.rows(appointments, store: store)

        if parsed.has("json") {
            console.print(try ScheduleListing.json(rows, practice: practice))
        } else {
            for line in ScheduleListing.table(rows, practice: practice, showsHistory: parsed.has("all")) {
                console.print(line)
            }
        }
        return ExitStatus.success
    }

    func runExport(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: [], options: ["db", "practice", "from", "to", "ics"])
        try parsed.expectPositionalCount(atMost: 0)
        guard let output = parsed.options["ics"] else { throw UsageError("export needs --ics FILE") }
        let practice = try self.practice(parsed)
        let range = try self.dateRange(parsed, practice: practice)
        let store = try self.openStore(parsed, practice: practice, mustExist: true)

        let appointments = try store.appointments(from: range.from, to: range.to)
        var events: [ICalendarWriter.Event] = []
        for appointment in appointments {
            events.append(.init(appointment: appointment, patient: try store.patient(id: appointment.patientID)))
        }
        let text = ICalendarWriter(practice: practice).document(events)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ScheduleFailure("\(output): cannot write the calendar (\(error.localizedDescription))")
        }
        console.print("wrote \(events.count) appointment\(events.count == 1 ? "" : "s") to \(output)")
        return ExitStatus.success
    }
}

/// The rows `schedule list` prints: each appointment with its patient and its place in a reschedule chain.
enum ScheduleListing {
    struct Row {
        let appointment: Appointment
        let patient: Patient?
        /// The appointment that replaced this one, when it was rescheduled.
        let replacedByID: Int64?
    }

    static func rows(_ appointments: [Appointment], store: ScheduleStore) throws -> [Row] {
        // A replacement may start outside the listed range, so the links come from every appointment.
        var replacedBy: [Int64: Int64] = [:]
        for appointment in try store.appointments(statuses: Set(AppointmentStatus.allCases)) {
            if let old = appointment.replacesID { replacedBy[old] = appointment.id }
        }
        var patients: [Int64: Patient] = [:]
        var rows: [Row] = []
        for appointment in appointments {
            if patients[appointment.patientID] == nil {
                patients[appointment.patientID] = try store.patient(id: appointment.patientID)
            }
            rows.append(
                Row(
                    appointment: appointment, patient: patients[appointment.patientID],
                    replacedByID: replacedBy[appointment.id]))
        }
        return rows
    }

    /// `2026-12-09 10:00` on the practice's clock.
    static func localStart(_ date: Date, practice: PracticeConfiguration) -> String {
        guard let (day, time) = practice.localTime(of: date) else { return "\(date)" }
        return "\(day) \(time)"
    }

    static func table(_ rows: [Row], practice: PracticeConfiguration, showsHistory: Bool) -> [String] {
        guard !rows.isEmpty else { return ["no appointments"] }
        var header = ["id", "start (\(practice.timeZone.identifier))", "min", "doctor", "patient"]
        if showsHistory { header += ["status", "history"] }
        var cells = [header]
        for row in rows {
            let appointment = row.appointment
            var line = [
                String(appointment.id), self.localStart(appointment.start, practice: practice),
                String(appointment.lengthMinutes), appointment.doctorName,
                row.patient?.name ?? "patient \(appointment.patientID)",
            ]
            if showsHistory {
                var history: [String] = []
                if let old = appointment.replacesID { history.append("replaces \(old)") }
                if let new = row.replacedByID { history.append("replaced by \(new)") }
                line += [appointment.status.rawValue, history.joined(separator: ", ")]
            }
            cells.append(line)
        }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { line in
            line.enumerated().map { column, cell in
                column == line.count - 1
                    ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined().trimmingCharacters(in: .whitespaces)
        }
    }

    static func json(_ rows: [Row], practice: PracticeConfiguration) throws -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let appointments: [[String: Any]] = rows.map { row in
            let appointment = row.appointment
            let end = appointment.start.addingTimeInterval(TimeInterval(appointment.lengthMinutes * 60))
            return [
                "id": appointment.id,
                "doctor": appointment.doctorName,
                "patientID": appointment.patientID,
                "patient": row.patient?.name ?? NSNull(),
                "start": formatter.string(from: appointment.start),
                "end": formatter.string(from: end),
                "localStart": self.localStart(appointment.start, practice: practice),
                "lengthMinutes": appointment.lengthMinutes,
                "status": appointment.status.rawValue,
                "replacesID": appointment.replacesID.map { $0 as Any } ?? NSNull(),
                "replacedByID": row.replacedByID.map { $0 as Any } ?? NSNull(),
            ]
        }
        let object: [String: Any] = [
            "practice": practice.name, "timeZone": practice.timeZone.identifier, "appointments": appointments,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

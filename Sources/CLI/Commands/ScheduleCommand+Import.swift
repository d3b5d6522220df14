import Foundation
import Practice

/// `attendant schedule import-patients` and the hidden `book-loop` the durability test drives.
extension ScheduleCommand {
    /// The header an import file must start with.
    static let patientColumns = ["name", "dateOfBirth", "phone"]

    func runImport(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: [], options: ["db", "practice"])
        try parsed.expectPositionalCount(atMost: 1)
        let path = try parsed.positional(0, named: "FILE.csv")
        let practice = try self.practice(parsed)

        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ScheduleFailure("\(path): not UTF-8 text; save the CSV file as UTF-8")
            }
            text = decoded
        } catch let failure as ScheduleFailure {
            throw failure
        } catch {
            throw ScheduleFailure("\(path): cannot read the file (\(error.localizedDescription))")
        }

        // The whole file is refused before the database is touched when its header is wrong.
        var records = CSVReader.records(text)[...]
        guard let header = records.popFirst() else {
            throw ScheduleFailure(
                "\(path): empty; the first line must be \(Self.patientColumns.joined(separator: ","))")
        }
        let headerFields = try? header.fields.get().map { $0.trimmingCharacters(in: .whitespaces) }
        guard headerFields == Self.patientColumns else {
            throw ScheduleFailure(
                "\(path):\(header.line): the header must be \(Self.patientColumns.joined(separator: ",")), not "
                    + (headerFields.map { $0.joined(separator: ",") } ?? "a malformed line"))
        }
        let store = try self.openStore(parsed, practice: practice, mustExist: false)
        let today = practice.localTime(of: Date())?.date

        var addedCount = 0
        var presentCount = 0
        var skippedCount = 0
        for record in records {
            do {
                let (name, dateOfBirth, phone) = try Self.patientFields(record, today: today)
                if try store.patient(name: name, dateOfBirth: dateOfBirth) != nil {
                    presentCount += 1
                } else {
                    _ = try store.findOrRegisterPatient(name: name, dateOfBirth: dateOfBirth, phone: phone)
                    addedCount += 1
                }
            } catch let error as CSVReader.Malformed {
                console.printError("\(path):\(record.line): \(error.reason); line skipped")
                skippedCount += 1
            } catch ScheduleStoreError.invalidArgument(let reason) {
                console.printError("\(path):\(record.line): \(reason); line skipped")
                skippedCount += 1
            }
        }

        var summary = "added \(addedCount) patient\(addedCount == 1 ? "" : "s"), \(presentCount) already present"
        if skippedCount > 0 { summary += ", \(skippedCount) line\(skippedCount == 1 ? "" : "s") skipped" }
        console.print(summary)
        return skippedCount == 0 ? ExitStatus.success : ExitStatus.failure
    }

    /// A data record's name, date of birth and phone, checked.
    ///
    /// - Throws: `CSVReader.Malformed` with the reason the line is refused.
    static func patientFields(
        _ record: CSVReader.Record, today: LocalDate?
    ) throws -> (String, LocalDate, String?) {
        let fields = try record.fields.get()
        guard fields.count == Self.patientColumns.count else {
            throw CSVReader.Malformed(reason: "\(fields.count) fields, not \(Self.patientColumns.count)")
        }
        let name = fields[0].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw CSVReader.Malformed(reason: "the name is blank") }
        let birthText = fields[1].trimmingCharacters(in: .whitespaces)
        guard let dateOfBirth = LocalDate(birthText) else {
            throw CSVReader.Malformed(reason: "dateOfBirth '\(birthText)' is not a date (YYYY-MM-DD)")
        }
        if let today, dateOfBirth > today {
            throw CSVReader.Malformed(reason: "dateOfBirth \(dateOfBirth) is in the future")
        }
        let phone = fields[2].trimmingCharacters(in: .whitespaces)
        let phoneCharacters = Set("0123456789+-(). ")
        guard phone.allSatisfy({ phoneCharacters.contains($0) }), phone.isEmpty || phone.contains(where: \.isNumber)
        else {
            throw CSVReader.Malformed(
                reason: "phone '\(phone)' is not a phone number (digits with + - ( ) . and spaces)")
        }
        return (name, dateOfBirth, phone.isEmpty ? nil : phone)
    }

    /// Hidden: books one free slot after another for one patient, printing `booked <id>` as each commits.
    ///
    /// The durability test kills this process with SIGKILL mid-run and then looks for every id it printed. Each
    /// line is written with `write(2)` (the standard console does not buffer), after the booking's transaction has
    /// committed, so a printed id is a confirmed booking.
    func runBookLoop(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: [], options: ["db", "practice", "now", "count"])
        try parsed.expectPositionalCount(atMost: 0)
        let count = try parsed.integer("count", in: 1...1_000_000) ?? 1_000_000
        var now = Date()
        if let text = parsed.options["now"] {
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw UsageError("--now must be an ISO 8601 instant such as 2030-01-07T14:00:00Z, not '\(text)'")
            }
            now = date
        }
        let practice = try self.practice(parsed)
        let store = try self.openStore(parsed, practice: practice, mustExist: false)
        guard let birth = LocalDate("1970-01-01"), let today = practice.localTime(of: now)?.date else {
            throw ScheduleFailure("--now is outside the years the practice's calendar covers")
        }
        let patient = try store.findOrRegisterPatient(name: "Durability Loop", dateOfBirth: birth)

        var bookedCount = 0
        for offset in 0..<800 {
            guard let day = today.adding(days: offset) else { break }
            for doctor in practice.doctors {
                for start in practice.slotStarts(for: doctor, on: day) where start > now {
                    let result = try store.book(patientID: patient.id, doctorName: doctor.name, start: start, now: now)
                    guard case .booked(let appointment) = result else { continue }
                    console.print("booked \(appointment.id)")
                    bookedCount += 1
                    if bookedCount == count { return ExitStatus.success }
                }
            }
        }
        return ExitStatus.success
    }
}

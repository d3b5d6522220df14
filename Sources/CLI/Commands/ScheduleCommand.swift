import Foundation
import Practice

/// `attendant schedule list|export|import-patients`: the schedule database from the command line.
struct ScheduleCommand: Command {
    let name = "schedule"
    let summary = "List booked appointments, export them as iCalendar, import patients from CSV"
    let usage = """
        Usage: attendant schedule list [--from DATE] [--to DATE] [--doctor NAME] [--all] [--json] [common options]
               attendant schedule export --ics FILE [--from DATE] [--to DATE] [common options]
               attendant schedule import-patients FILE.csv [common options]

        list              Booked appointments, soonest first, as a table (start on the practice's clock) or JSON.
                          With --all, cancelled and rescheduled ones too, each with the appointment it replaced
                          or was replaced by.
        export            Writes the booked appointments as an iCalendar file (RFC 5545): one event per
                          appointment, in UTC, with a UID that stays the same on every export.
        import-patients   Adds the patients of a CSV file whose header is name,dateOfBirth,phone (dateOfBirth
                          YYYY-MM-DD, phone may be empty; fields with commas in double quotes). A bad line is
                          reported with its line number and reason and skipped; the others are imported, and the
                          command then exits 1. A wrong header refuses the whole file. Patients already known
                          (same name, any case, and date of birth) are counted, not added twice.

        Common options:
          --db FILE         The schedule database (SQLite); default attendant.sqlite in the current folder.
                            list and export need it to exist; import-patients creates it.
          --practice FILE   The practice configuration (JSON); default the built-in Riverside Family Practice.

        Options of list and export:
          --from DATE       Only appointments on or after this day (YYYY-MM-DD, the practice's time zone).
          --to DATE         Only appointments on or before this day.
          --doctor NAME     Only this doctor's appointments (list only): `Patel`, `Dr. Patel`.
          --all             Cancelled and rescheduled appointments too (list only).
          --json            One JSON object instead of the table (list only).
          --ics FILE        Where export writes the calendar (required).

        Exit status: 0 on success; 1 when a file is missing or unreadable, the database is not SQLite, the doctor
        is unknown or a CSV line was skipped; 64 for a wrong command line (an unknown option, a DATE that is not
        YYYY-MM-DD).
        """

    /// The database file used when `--db` is not given.
    static let defaultDatabasePath = "attendant.sqlite"

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        guard let subcommand = arguments.first else { throw UsageError("missing <subcommand>") }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "list": return try self.runList(rest, console: console)
        case "export": return try self.runExport(rest, console: console)
        case "import-patients": return try self.runImport(rest, console: console)
        case "book-loop": return try self.runBookLoop(rest, console: console)
        default: throw UsageError("unknown subcommand '\(subcommand)'")
        }
    }

    /// The practice of `--practice`, or the built-in default.
    func practice(_ parsed: ParsedArguments) throws -> PracticeConfiguration {
        guard let path = parsed.options["practice"] else { return .default }
        do {
            return try PracticeConfiguration(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScheduleFailure("\(path): \(error)")
        }
    }

    /// Opens the store of `--db`.
    ///
    /// - Parameter mustExist: Refuse a missing file rather than create an empty database (a misspelt path would
    ///   otherwise list nothing without a word).
    /// - Throws: `ScheduleFailure` naming the file and what is wrong with it.
    func openStore(
        _ parsed: ParsedArguments, practice: PracticeConfiguration, mustExist: Bool
    ) throws -> ScheduleStore {
        let path = parsed.options["db"] ?? Self.defaultDatabasePath
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw ScheduleFailure("\(path): is a folder, not a database file") }
        if mustExist && !exists {
            throw ScheduleFailure(
                "\(path): no schedule database there; give its path with --db FILE "
                    + "(import-patients or a call creates one)")
        }
        do {
            return try ScheduleStore(path: path, practice: practice)
        } catch .database(let code, _, _) where code == SQLiteError.Code.notADatabase.rawValue {
            throw ScheduleFailure("\(path): not an SQLite database; give the schedule database with --db FILE")
        } catch .database(let code, _, let message) where code == SQLiteError.Code.cannotOpen.rawValue {
            throw ScheduleFailure("\(path): cannot open the database (\(message)); check the folder exists")
        } catch {
            throw ScheduleFailure("\(path): \(error)")
        }
    }

    /// `--from` and `--to` as the half-open range of instants they cover on the practice's clock.
    ///
    /// - Throws: `UsageError` for a day that is not `YYYY-MM-DD` or a `--to` before `--from`.
    func dateRange(_ parsed: ParsedArguments, practice: PracticeConfiguration) throws -> (from: Date?, to: Date?) {
        func day(_ name: String) throws -> LocalDate? {
            guard let text = parsed.options[name] else { return nil }
            guard let date = LocalDate(text) else {
                throw UsageError("--\(name) must be a day YYYY-MM-DD, not '\(text)'")
            }
            return date
        }
        let first = try day("from")
        let last = try day("to")
        if let first, let last, last < first { throw UsageError("--to \(last) is before --from \(first)") }
        let midnight = ClockTime(minutesSinceMidnight: 0)

        let from = first.flatMap { date in midnight.flatMap { practice.instant(on: date, at: $0) } }
        let to = last.flatMap { $0.adding(days: 1) }.flatMap { date in
            midnight.flatMap { practice.instant(on: date, at: $0) }
        }
        return (from, to)
    }
}

/// A schedule command that could not do its work, with a message that names the file and what to do.
struct ScheduleFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Why the schedule store could not do what it was asked.
///
/// A slot that is taken, held or not bookable is not an error: `book` and `hold` return that as their result.
/// These are the failures: a database that cannot be used, a request naming something that does not exist, and
/// input the store refuses.
public enum ScheduleStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file records schema version `found`, but this build only knows up to `supported`: it was
    /// written by a newer Attendant. Use that version, or restore a backup made before the upgrade.
    case schemaTooNew(found: Int, supported: Int)

    /// The built-in migration list is not numbered 1, 2, 3, …; a programming error.
    case invalidMigrations([Int])

    /// SQLite refused to keep a file in write-ahead-log mode (it reported `mode` instead); the store needs WAL so
    /// readers never block the booking writer. Move the file to a local disk.
    case journalModeRefused(String)

    /// No patient has this id.
    case unknownPatient(Int64)

    /// No appointment has this id.
    case unknownAppointment(Int64)

    /// The appointment is `status`, not booked, so it cannot be cancelled or rescheduled again.
    case appointmentNotBooked(id: Int64, status: AppointmentStatus)

    /// An argument was refused, with the reason (a blank name, an instant outside the years SQLite stores, a hold
    /// longer than the limit).
    case invalidArgument(String)

    /// The database holds a value the store cannot read (an unknown status, a number where text belongs).
    case corruptRow(String)

    /// SQLite failed: its code and message.
    case database(code: Int32, extendedCode: Int32, message: String)

    public var description: String {
        switch self {
        case .schemaTooNew(let found, let supported):
            "the schedule database is schema version \(found), newer than this Attendant supports (\(supported)); "
                + "open it with the newer Attendant that wrote it"
        case .invalidMigrations(let versions): "the schema migrations are not numbered 1…n: \(versions)"
        case .journalModeRefused(let mode): "SQLite kept journal mode '\(mode)' instead of WAL; use a local disk"
        case .unknownPatient(let id): "no patient with id \(id)"
        case .unknownAppointment(let id): "no appointment with id \(id)"
        case .appointmentNotBooked(let id, let status): "appointment \(id) is \(status.rawValue), not booked"
        case .invalidArgument(let reason): reason
        case .corruptRow(let reason): "unreadable schedule data: \(reason)"
        case .database(let code, let extendedCode, let message):
            "SQLite error \(code) (extended \(extendedCode)): \(message)"
        }
    }

    /// The store's error for an SQLite failure.
    init(_ error: SQLiteError) {
        if error.code == .mismatch || error.code == .range {
            self = .corruptRow("\(error.message) (\(error.context))")
        } else {
            self = .database(code: error.code.rawValue, extendedCode: error.extendedCode, message: error.message)
        }
    }

    /// Runs `body`, turning whatever it throws into a `ScheduleStoreError`.
    @discardableResult
    static func wrapping<Result>(_ body: () throws -> Result) throws(ScheduleStoreError) -> Result {
        do {
            return try body()
        } catch let error as ScheduleStoreError {
            throw error
        } catch let error as SQLiteError {
            throw ScheduleStoreError(error)
        } catch {
            throw .database(code: 1, extendedCode: 1, message: "\(error)")
        }
    }
}

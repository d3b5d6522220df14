import Foundation

/// The practice's schedule on SQLite: patients, doctors, appointments, slot holds and call records.
///
/// Opening a store configures its connection and brings the schema up to date:
/// - `PRAGMA journal_mode = WAL` for a file, so readers (listing, reports) never block the booking writer;
/// - `PRAGMA foreign_keys = ON`, so an appointment cannot name a patient or doctor that does not exist;
/// - `PRAGMA synchronous = FULL`: each commit is flushed to the disk before it returns. `NORMAL` would survive a
///   crashed or killed process in WAL mode but may lose the last commits on power loss; a booking is read back to
///   the caller as confirmed, so it must survive both, and one flush per booking costs nothing at a practice's rate;
/// - a busy timeout, so connections in other threads or processes wait for each other instead of failing;
/// - the migrations of `ScheduleSchema`, applied once each; a database newer than this code is refused;
/// - the practice's doctors are added to the `doctors` table (doctors no longer in the configuration stay, with
///   their history, but cannot be booked).
///
/// Every query takes `now` as an argument and never reads the clock, so the dialogue and the tests decide time.
/// Changes run in `BEGIN IMMEDIATE` transactions; the unique index on booked `(doctor, start)` makes a double
/// booking impossible even for a writer that skips the store.
///
/// Not real-time safe: control thread only. Not thread-safe: a store is one connection; give each thread or task
/// its own store on the same file.
public final class ScheduleStore {
    /// The practice whose doctors and hours decide what can be booked.
    public let practice: PracticeConfiguration

    /// The store's connection.
    package let connection: SQLiteConnection

    /// The longest a slot may be held for a call.
    public static let maximumHoldDuration: Duration = .seconds(15 * 60)

    /// The schema version this build writes: the number of migration steps.
    public static var schemaVersion: Int { ScheduleSchema.migrations.count }

    /// Opens (creating when missing) the store at `path`, migrates it and adds the practice's doctors.
    ///
    /// - Parameters:
    ///   - path: A database file, or `:memory:` for a private store that disappears when released (no WAL).
    ///   - practice: The configuration whose doctors and slots are booked.
    ///   - busyTimeout: How long to wait for another connection's write lock before failing.
    /// - Throws: `ScheduleStoreError.schemaTooNew` for a database written by a newer Attendant,
    ///   `.journalModeRefused` when a file cannot use WAL, `.database` when SQLite cannot open the file.
    public init(
        path: String, practice: PracticeConfiguration, busyTimeout: Duration = .seconds(5)
    ) throws(ScheduleStoreError) {
        let connection = try ScheduleStoreError.wrapping { try SQLiteConnection(path: path, busyTimeout: busyTimeout) }
        self.connection = connection
        self.practice = practice

        try ScheduleStoreError.wrapping {
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.execute("PRAGMA synchronous = FULL")
            if !connection.isInMemory {
                let mode = try connection.firstRow("PRAGMA journal_mode = WAL") { row throws(SQLiteError) in
                    try row.text(at: 0)
                }
                guard mode?.lowercased() == "wal" else { throw ScheduleStoreError.journalModeRefused(mode ?? "none") }
            }
        }
        _ = try SchemaMigration.migrate(connection, with: ScheduleSchema.migrations)
        try self.syncDoctors()
    }

    /// Adds every doctor of the practice configuration that the `doctors` table lacks.
    ///
    /// Doctors are matched by display name. A doctor who has left the configuration keeps their row, so their
    /// appointments keep their history; the configuration, not the table, decides who can be booked.
    ///
    /// - Throws: `ScheduleStoreError.database`.
    public func syncDoctors() throws(ScheduleStoreError) {
        try ScheduleStoreError.wrapping {
            try self.connection.immediateTransaction {
                for doctor in self.practice.doctors {
                    try self.connection.run(
                        "INSERT INTO doctors (display_name) VALUES (?) ON CONFLICT (display_name) DO NOTHING",
                        [.text(doctor.name)])
                }
            }
        }
    }

    /// The display names in the `doctors` table, in name order.
    public func storedDoctorNames() throws(ScheduleStoreError) -> [String] {
        try ScheduleStoreError.wrapping {
            try self.connection.rows("SELECT display_name FROM doctors ORDER BY display_name") {
                row throws(SQLiteError) in try row.text(at: 0)
            }
        }
    }

    /// The patient with this name and date of birth, registered first when the practice does not know them.
    ///
    /// The name is trimmed and runs of white space become one space; it matches without regard to ASCII case, so
    /// `maria lopez` finds `Maria Lopez`. A known patient without a phone number gets `phone`.
    ///
    /// - Throws: `ScheduleStoreError.invalidArgument` for a blank name or phone, `.database`.
    public func findOrRegisterPatient(
        name: String, dateOfBirth: LocalDate, phone: String? = nil
    ) throws(ScheduleStoreError) -> Patient {
        let cleanName = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !cleanName.isEmpty else { throw .invalidArgument("a patient needs a name") }
        guard cleanName.count <= 200 else { throw .invalidArgument("a patient's name is at most 200 characters") }
        let cleanPhone = phone?.trimmingCharacters(in: .whitespaces)
        guard cleanPhone?.isEmpty != true else { throw .invalidArgument("a phone number, when given, is not blank") }
        let birth = SQLiteValue.text(dateOfBirth.description)

        return try ScheduleStoreError.wrapping {
            try self.connection.immediateTransaction {
                let select = "SELECT id, name, date_of_birth, phone FROM patients WHERE name = ? AND date_of_birth = ?"
                if let found = try self.connection.firstRow(select, [.text(cleanName), birth], Self.patient) {
                    guard found.phone == nil, let cleanPhone else { return found }
                    try self.connection.run(
                        "UPDATE patients SET phone = ? WHERE id = ?", [.text(cleanPhone), .integer(found.id)])
                    return Patient(id: found.id, name: found.name, dateOfBirth: found.dateOfBirth, phone: cleanPhone)
                }
                try self.connection.run(
                    "INSERT INTO patients (name, date_of_birth, phone) VALUES (?, ?, ?)",
                    [.text(cleanName), birth, .optionalText(cleanPhone)])
                let id = self.connection.lastInsertedRowID
                return Patient(id: id, name: cleanName, dateOfBirth: dateOfBirth, phone: cleanPhone)
            }
        }
    }

    /// The patients whose phone number is exactly `phone`, in id order: how a caller's number identifies them.
    public func patients(withPhone phone: String) throws(ScheduleStoreError) -> [Patient] {
        try ScheduleStoreError.wrapping {
            try self.connection.rows(
                "SELECT id, name, date_of_birth, phone FROM patients WHERE phone = ? ORDER BY id", [.text(phone)],
                Self.patient)
        }
    }

    /// Reads a `patients` row selected as `id, name, date_of_birth, phone`.
    static func patient(_ row: SQLiteStatement) throws(SQLiteError) -> Patient {
        let birthText = try row.text(at: 2)
        guard let birth = LocalDate(birthText) else {
            throw SQLiteError(
                extendedCode: SQLiteError.Code.mismatch.rawValue, message: "date of birth '\(birthText)' is not a date",
                context: "reading a patient")
        }
        return Patient(
            id: try row.integer(at: 0), name: try row.text(at: 1), dateOfBirth: birth,
            phone: try row.optionalText(at: 3))
    }
}

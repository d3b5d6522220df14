/// One step of the schedule database's schema history, and how the steps are applied.
///
/// The database's `PRAGMA user_version` is the number of the last step applied (0 for a new file). Opening runs
/// every later step in order, each in its own `BEGIN IMMEDIATE` transaction together with the version bump, so a
/// step is applied exactly once even when several connections open a new file at the same time, and a step that
/// fails leaves the database at the version before it. Steps are only ever appended: a released step never
/// changes, because databases in the field already ran it.
///
/// Not real-time safe: control thread only.
struct SchemaMigration: Sendable {
    /// The `user_version` the database has after this step: 1 for the first, then 2, 3, ….
    let version: Int

    /// What the step changes, for the history and for error messages.
    let summary: String

    /// The SQL that makes the change; may hold several statements.
    let sql: String

    /// Brings the database on `connection` up to the last of `migrations`.
    ///
    /// - Parameter migrations: Steps numbered 1, 2, 3, … in order.
    /// - Returns: The database's version afterwards, which is `migrations.count`.
    /// - Throws: `ScheduleStoreError.schemaTooNew` when the database was written by a newer Attendant (its
    ///   version is past the last step), `.invalidMigrations` when the steps are not numbered 1…n, and
    ///   `.database` when a step fails (that step is rolled back; the earlier ones stay).
    static func migrate(
        _ connection: SQLiteConnection, with migrations: [SchemaMigration]
    ) throws(ScheduleStoreError) -> Int {
        guard migrations.enumerated().allSatisfy({ $0.offset + 1 == $0.element.version }) else {
            throw .invalidMigrations(migrations.map(\.version))
        }

        let supported = migrations.count
        let found = try ScheduleStoreError.wrapping { () throws(SQLiteError) in try self.userVersion(connection) }
        guard found <= supported else { throw .schemaTooNew(found: found, supported: supported) }

        for migration in migrations where migration.version > found {
            try ScheduleStoreError.wrapping {
                try connection.immediateTransaction {
                    // Another connection may have applied this step while this one waited for the lock.
                    let current = try self.userVersion(connection)
                    guard current < migration.version else { return }
                    do throws(SQLiteError) {
                        try connection.execute(migration.sql)
                    } catch {
                        throw SQLiteError(
                            extendedCode: error.extendedCode,
                            message: "schema migration \(migration.version) (\(migration.summary)): \(error.message)",
                            context: error.context)
                    }
                    try connection.execute("PRAGMA user_version = \(migration.version)")
                }
            }
        }
        return try ScheduleStoreError.wrapping { () throws(SQLiteError) in try self.userVersion(connection) }
    }

    /// The database's `PRAGMA user_version`.
    static func userVersion(_ connection: SQLiteConnection) throws(SQLiteError) -> Int {
        let version = try connection.firstRow("PRAGMA user_version") { row throws(SQLiteError) in try row.integer(at: 0)
        }
        return Int(version ?? 0)
    }
}

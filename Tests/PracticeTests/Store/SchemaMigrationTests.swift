import Foundation
import Testing

@testable import Practice

/// Opening a database: the pragmas, the migrations from empty, re-opening, and a database from the future.
@Suite("Schedule schema migrations")
struct SchemaMigrationTests {
    @Test("a new file is migrated to the latest version, in WAL mode with foreign keys on and FULL sync")
    func migratesFromEmpty() throws {
        let store = try ScheduleStore(path: try StoreFixture.databasePath(), practice: StoreFixture.practice)
        let connection = store.connection

        #expect(try SchemaMigration.userVersion(connection) == ScheduleStore.schemaVersion)
        #expect(try self.pragma("journal_mode", connection) == "wal")
        #expect(try self.pragma("foreign_keys", connection) == "1")
        #expect(try self.pragma("synchronous", connection) == "2")  // 2 is FULL.
        let tables = try connection.rows("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") {
            row throws(SQLiteError) in try row.text(at: 0)
        }
        #expect(tables == ["appointments", "call_records", "doctors", "patients", "slot_holds"])
        #expect(try store.storedDoctorNames() == ["Dr. Grant", "Dr. Lee", "Dr. Patel"])
    }

    @Test("re-opening applies nothing twice: same version, same doctors, data kept")
    func reopenIsIdempotent() throws {
        let path = try StoreFixture.databasePath()
        let patientID = try StoreFixture.patient(try ScheduleStore(path: path, practice: StoreFixture.practice)).id

        let store = try ScheduleStore(path: path, practice: StoreFixture.practice)
        #expect(try SchemaMigration.userVersion(store.connection) == ScheduleStore.schemaVersion)
        #expect(try store.storedDoctorNames() == ["Dr. Grant", "Dr. Lee", "Dr. Patel"])
        #expect(try StoreFixture.patient(store).id == patientID)
    }

    @Test("a database with a newer user_version is refused with both versions named")
    func newerSchemaRefused() throws {
        let path = try StoreFixture.databasePath()
        try SQLiteConnection(path: path).execute("PRAGMA user_version = 99")

        let error = #expect(throws: ScheduleStoreError.self) {
            try ScheduleStore(path: path, practice: StoreFixture.practice)
        }
        #expect(error == .schemaTooNew(found: 99, supported: ScheduleStore.schemaVersion))
        #expect(error?.description.contains("newer") == true)
    }

    @Test("steps run in order, once each; a failing step is rolled back and leaves the version before it")
    func stepsApplyOnce() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let steps = [
            SchemaMigration(version: 1, summary: "t", sql: "CREATE TABLE t (x INTEGER)"),
            SchemaMigration(version: 2, summary: "row", sql: "INSERT INTO t VALUES (1)"),
        ]
        #expect(try SchemaMigration.migrate(connection, with: steps) == 2)
        #expect(try SchemaMigration.migrate(connection, with: steps) == 2)
        let count = try connection.firstRow("SELECT count(*) FROM t") { row throws(SQLiteError) in
            try row.integer(at: 0)
        }
        #expect(count == 1)

        let broken = steps + [SchemaMigration(version: 3, summary: "bad", sql: "INSERT INTO t VALUES (2); NOT SQL")]
        let error = #expect(throws: ScheduleStoreError.self) { try SchemaMigration.migrate(connection, with: broken) }
        #expect(error?.description.contains("schema migration 3 (bad)") == true, "\(String(describing: error))")
        #expect(try SchemaMigration.userVersion(connection) == 2)
        let after = try connection.firstRow("SELECT count(*) FROM t") { row throws(SQLiteError) in
            try row.integer(at: 0)
        }
        #expect(after == 1)
    }

    @Test("steps not numbered 1…n are refused before anything runs")
    func misnumberedSteps() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        let steps = [SchemaMigration(version: 2, summary: "t", sql: "CREATE TABLE t (x INTEGER)")]
        #expect(throws: ScheduleStoreError.invalidMigrations([2])) {
            try SchemaMigration.migrate(connection, with: steps)
        }
        #expect(try SchemaMigration.userVersion(connection) == 0)
    }

    @Test("the built-in steps are numbered 1…n")
    func builtInNumbering() {
        #expect(ScheduleSchema.migrations.map(\.version) == Array(1...ScheduleSchema.migrations.count))
    }

    private func pragma(_ name: String, _ connection: SQLiteConnection) throws -> String? {
        try connection.firstRow("SELECT CAST(\(name) AS TEXT) FROM pragma_\(name)") { row throws(SQLiteError) in
            try row.text(at: 0)
        }
    }
}

import CSQLite

/// One connection to an SQLite database (`sqlite3 *`): statements, plain SQL and transactions.
///
/// Every C call of the store goes through this file and `SQLiteStatement.swift`; the rest of the code sees Swift
/// types and `SQLiteError`. Extended result codes are on, so a constraint failure says which constraint kind.
///
/// Not real-time safe: control thread only. Not thread-safe: use a connection from one thread at a time, and give
/// each thread its own connection to share a database file (SQLite's file locks do the rest).
package final class SQLiteConnection {
    /// The `sqlite3 *`; closed in `deinit`.
    let handle: OpaquePointer

    /// The path given to `init`: a file path or `:memory:`.
    package let path: String

    /// The path that opens a private in-memory database.
    package static let inMemoryPath = ":memory:"

    /// Opens (creating when missing) the database at `path`, read-write.
    ///
    /// Wraps `sqlite3_open_v2` and `sqlite3_busy_timeout`: while another connection holds a lock, a call waits and
    /// retries for up to `busyTimeout` before it fails with `SQLITE_BUSY`.
    ///
    /// - Parameters:
    ///   - path: A file path, or `:memory:` for a database that lives and dies with this connection.
    ///   - busyTimeout: How long to wait for another connection's lock; rounded down to milliseconds.
    /// - Throws: `SQLiteError` when the file cannot be opened or created.
    package init(path: String, busyTimeout: Duration = .seconds(5)) throws(SQLiteError) {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let result = sqlite3_open_v2(path, &opened, flags, nil)
        guard let handle = opened else {
            throw SQLiteError(handle: nil, result: result, context: "opening \(path)")
        }
        guard result == SQLITE_OK else {
            let error = SQLiteError(handle: handle, result: result, context: "opening \(path)")
            sqlite3_close_v2(handle)
            throw error
        }

        sqlite3_extended_result_codes(handle, 1)
        let (seconds, attoseconds) = busyTimeout.components
        let milliseconds = max(0, min(Int64(Int32.max), seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        sqlite3_busy_timeout(handle, Int32(milliseconds))
        self.handle = handle
        self.path = path
    }

    deinit {
        // v2 closes once the last statement is finalized, so the order of releases never matters.
        sqlite3_close_v2(self.handle)
    }

    /// Whether the connection opened a private in-memory database rather than a file.
    package var isInMemory: Bool { self.path == Self.inMemoryPath || self.path.isEmpty }

    /// Compiles one SQL statement.
    ///
    /// Wraps `sqlite3_prepare_v2`.
    ///
    /// - Throws: `SQLiteError` with SQLite's message when the SQL does not compile, or holds no statement.
    package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var prepared: OpaquePointer?
        let result = sqlite3_prepare_v2(self.handle, sql, -1, &prepared, nil)
        guard result == SQLITE_OK else {
            throw SQLiteError(handle: self.handle, result: result, context: "preparing \(sql)")
        }
        guard let statement = prepared else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "no SQL statement", context: "preparing \(sql)")
        }
        return SQLiteStatement(connection: self, handle: statement, sql: sql)
    }

    /// Runs one or more SQL statements that take no parameters and return no rows (schema, pragmas).
    ///
    /// Wraps `sqlite3_exec`.
    ///
    /// - Throws: `SQLiteError` with SQLite's message for the first statement that fails.
    package func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(self.handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard result == SQLITE_OK else {
            var error = SQLiteError(handle: self.handle, result: result, context: "running \(sql)")
            if let message {
                error = SQLiteError(
                    extendedCode: error.extendedCode, message: String(cString: message), context: error.context)
            }
            throw error
        }
    }

    /// Runs one statement with `values` bound to its parameters, ignoring any rows.
    ///
    /// - Returns: How many rows the statement inserted, updated or deleted (`sqlite3_changes`).
    /// - Throws: `SQLiteError`.
    @discardableResult
    package func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int {
        let statement = try self.prepare(sql)
        try statement.bind(values)
        while try statement.step() {}
        return Int(sqlite3_changes(self.handle))
    }

    /// Runs one query and maps each row.
    ///
    /// - Parameter row: Reads the current row from the statement; called once per row, in order.
    /// - Throws: `SQLiteError`, including the mapping's own (a column of the wrong type).
    package func rows<Row>(
        _ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws(SQLiteError) -> Row
    ) throws(SQLiteError) -> [Row] {
        let statement = try self.prepare(sql)
        try statement.bind(values)
        var rows: [Row] = []
        while try statement.step() {
            rows.append(try row(statement))
        }
        return rows
    }

    /// The first row of a query, mapped, or `nil` when it returns none.
    package func firstRow<Row>(
        _ sql: String, _ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws(SQLiteError) -> Row
    ) throws(SQLiteError) -> Row? {
        let statement = try self.prepare(sql)
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return try row(statement)
    }

    /// The rowid of the last row inserted on this connection (`sqlite3_last_insert_rowid`).
    package var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(self.handle) }

    /// Whether a transaction is open on this connection (`sqlite3_get_autocommit` is 0).
    package var isInTransaction: Bool { sqlite3_get_autocommit(self.handle) == 0 }

    /// Runs `body` in a write transaction: all of it is committed, or none of it.
    ///
    /// `BEGIN IMMEDIATE` takes the database's write lock before `body` reads anything, so two connections never
    /// both read "free" and then both write: the second waits (up to the busy timeout) and then reads what the first
    /// committed. When `body` throws, or the commit fails, the transaction is rolled back and the error rethrown.
    ///
    /// - Throws: `body`'s error, or `SQLiteError` when the transaction cannot begin (busy past the timeout, or
    ///   already inside a transaction) or cannot commit.
    package func immediateTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        guard !self.isInTransaction else {
            throw SQLiteError(
                extendedCode: SQLITE_MISUSE, message: "a transaction is already open on this connection",
                context: "beginning a transaction")
        }
        try self.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try self.execute("COMMIT")
            return result
        } catch {
            // A failed statement may already have ended the transaction; rolling back twice is an error.
            if self.isInTransaction { try? self.execute("ROLLBACK") }
            throw error
        }
    }
}

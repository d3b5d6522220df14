import CSQLite

/// One prepared statement (`sqlite3_stmt`): bind typed parameters, step, read typed columns.
///
/// Made by `SQLiteConnection.prepare(_:)`; finalized when released. A statement belongs to its connection and is
/// used on the same thread; it keeps the connection alive for as long as it exists.
///
/// Not real-time safe: control thread only. Not thread-safe.
package final class SQLiteStatement {
    /// The connection the statement was prepared on, kept for its error messages.
    let connection: SQLiteConnection

    /// The `sqlite3_stmt`; finalized in `deinit`.
    let handle: OpaquePointer

    /// The SQL text, for error messages.
    package let sql: String

    init(connection: SQLiteConnection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(self.handle)
    }

    /// Resets the statement and binds `values` to its parameters `?1`, `?2`, … in order.
    ///
    /// Wraps `sqlite3_reset`, `sqlite3_clear_bindings` and `sqlite3_bind_*`. Text is copied by SQLite.
    ///
    /// - Throws: `SQLiteError` when the count does not match the statement's parameters, or a bind fails.
    package func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(self.handle)
        sqlite3_clear_bindings(self.handle)
        let parameterCount = Int(sqlite3_bind_parameter_count(self.handle))
        guard values.count == parameterCount else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "\(values.count) values for \(parameterCount) parameters", context: self.context("binding"))
        }

        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch value {
            case .integer(let number): result = sqlite3_bind_int64(self.handle, index, number)
            case .real(let number): result = sqlite3_bind_double(self.handle, index, number)
            case .null: result = sqlite3_bind_null(self.handle, index)
            case .text(let text):
                let byteCount = text.utf8.count
                guard byteCount <= Int(Int32.max) else {
                    throw SQLiteError(
                        extendedCode: SQLITE_TOOBIG, message: "text of \(byteCount) bytes",
                        context: self.context("binding"))
                }
                result = text.withCString {
                    sqlite3_bind_text(self.handle, index, $0, Int32(byteCount), attendant_sqlite_transient())
                }
            }
            guard result == SQLITE_OK else { throw self.error(result, "binding parameter \(index)") }
        }
    }

    /// Runs the statement to its next row.
    ///
    /// Wraps `sqlite3_step`. A `SQLITE_BUSY` is returned only after the connection's busy timeout has passed.
    ///
    /// - Returns: `true` when a row is ready to read, `false` when the statement has finished.
    /// - Throws: `SQLiteError` with SQLite's code and message (a constraint violation, a busy database).
    package func step() throws(SQLiteError) -> Bool {
        let result = sqlite3_step(self.handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw self.error(result, "stepping")
        }
    }

    /// The number of columns in each row.
    package var columnCount: Int { Int(sqlite3_column_count(self.handle)) }

    /// The integer in column `index` of the current row.
    ///
    /// - Throws: `SQLiteError` (`mismatch`) when the column holds anything else, `NULL` included.
    package func integer(at index: Int) throws(SQLiteError) -> Int64 {
        guard let value = try self.optionalInteger(at: index) else { throw self.mismatch(index, "an integer", "NULL") }
        return value
    }

    /// The integer in column `index`, or `nil` when it is `NULL`.
    ///
    /// - Throws: `SQLiteError` (`mismatch`) when the column holds text or a real.
    package func optionalInteger(at index: Int) throws(SQLiteError) -> Int64? {
        switch try self.type(at: index) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(self.handle, Int32(index))
        default: throw self.mismatch(index, "an integer", self.typeName(at: index))
        }
    }

    /// The text in column `index` of the current row.
    ///
    /// - Throws: `SQLiteError` (`mismatch`) when the column holds anything else, `NULL` included.
    package func text(at index: Int) throws(SQLiteError) -> String {
        guard let value = try self.optionalText(at: index) else { throw self.mismatch(index, "text", "NULL") }
        return value
    }

    /// The text in column `index`, or `nil` when it is `NULL`. Invalid UTF-8 is repaired, never trusted.
    ///
    /// - Throws: `SQLiteError` (`mismatch`) when the column holds a number.
    package func optionalText(at index: Int) throws(SQLiteError) -> String? {
        switch try self.type(at: index) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            let column = Int32(index)
            guard let bytes = sqlite3_column_text(self.handle, column) else { return "" }
            let byteCount = Int(sqlite3_column_bytes(self.handle, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: byteCount), as: UTF8.self)
        default: throw self.mismatch(index, "text", self.typeName(at: index))
        }
    }

    /// The storage class of column `index`, after checking the index is in range.
    private func type(at index: Int) throws(SQLiteError) -> Int32 {
        guard (0..<self.columnCount).contains(index) else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE, message: "no column \(index) of \(self.columnCount)",
                context: self.context("reading"))
        }
        return sqlite3_column_type(self.handle, Int32(index))
    }

    private func typeName(at index: Int) -> String {
        switch sqlite3_column_type(self.handle, Int32(index)) {
        case SQLITE_INTEGER: "an integer"
        case SQLITE_FLOAT: "a real"
        case SQLITE_TEXT: "text"
        case SQLITE_BLOB: "a blob"
        default: "NULL"
        }
    }

    private func mismatch(_ index: Int, _ expected: String, _ found: String) -> SQLiteError {
        SQLiteError(
            extendedCode: SQLITE_MISMATCH, message: "column \(index) holds \(found), expected \(expected)",
            context: self.context("reading"))
    }

    private func error(_ result: Int32, _ action: String) -> SQLiteError {
        SQLiteError(handle: self.connection.handle, result: result, context: self.context(action))
    }

    private func context(_ action: String) -> String { "\(action) \(self.sql)" }
}

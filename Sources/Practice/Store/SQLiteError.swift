import CSQLite

/// A failed SQLite call, with SQLite's own result code and message.
///
/// `code` is the primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`); `extendedCode` says which variant
/// (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_CONSTRAINT_FOREIGNKEY`). `context` names what the wrapper was doing, so a
/// message reads `SQLite error 19 (constraint, extended 787) preparing … : FOREIGN KEY constraint failed`.
package struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A primary SQLite result code, with names for the ones the store reacts to.
    package struct Code: RawRepresentable, Sendable, Hashable {
        package let rawValue: Int32

        package init(rawValue: Int32) { self.rawValue = rawValue }

        /// `SQLITE_ERROR`: a generic failure, usually bad SQL.
        package static let error = Code(rawValue: SQLITE_ERROR)
        /// `SQLITE_BUSY`: another connection held the lock for longer than the busy timeout.
        package static let busy = Code(rawValue: SQLITE_BUSY)
        /// `SQLITE_CONSTRAINT`: a UNIQUE, CHECK, NOT NULL or FOREIGN KEY constraint refused the change.
        package static let constraint = Code(rawValue: SQLITE_CONSTRAINT)
        /// `SQLITE_MISMATCH`: a value of the wrong type (also used by the wrapper for a column of the wrong type).
        package static let mismatch = Code(rawValue: SQLITE_MISMATCH)
        /// `SQLITE_RANGE`: a parameter or column index out of range.
        package static let range = Code(rawValue: SQLITE_RANGE)
        /// `SQLITE_MISUSE`: the API was called in a way SQLite does not allow.
        package static let misuse = Code(rawValue: SQLITE_MISUSE)
        /// `SQLITE_CANTOPEN`: the file could not be opened or created.
        package static let cannotOpen = Code(rawValue: SQLITE_CANTOPEN)
        /// `SQLITE_NOTADB`: the file is not an SQLite database.
        package static let notADatabase = Code(rawValue: SQLITE_NOTADB)
    }

    /// The primary result code (the low 8 bits of `extendedCode`).
    package let code: Code

    /// The extended result code, for example `SQLITE_CONSTRAINT_UNIQUE` (2067).
    package let extendedCode: Int32

    /// SQLite's message (`sqlite3_errmsg`), or the wrapper's when the failure is its own.
    package let message: String

    /// What was being done: `opening /path`, `preparing SELECT …`, `stepping INSERT …`.
    package let context: String

    package init(extendedCode: Int32, message: String, context: String) {
        self.code = Code(rawValue: extendedCode & 0xFF)
        self.extendedCode = extendedCode
        self.message = message
        self.context = context
    }

    /// The error the connection `handle` last reported, for a call that returned `result`.
    init(handle: OpaquePointer?, result: Int32, context: String) {
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(
            extendedCode: handle.map { sqlite3_extended_errcode($0) } ?? result,
            message: message ?? String(cString: sqlite3_errstr(result)), context: context)
    }

    /// Whether a UNIQUE constraint, a unique index or a primary key refused the change.
    package var isUniqueViolation: Bool {
        self.extendedCode == Self.constraintUnique || self.extendedCode == Self.constraintPrimaryKey
    }

    /// Whether a FOREIGN KEY constraint refused the change.
    package var isForeignKeyViolation: Bool { self.extendedCode == Self.constraintForeignKey }

    // The extended codes are macros of the form `(SQLITE_CONSTRAINT | (n<<8))`, which Swift does not import.
    private static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    private static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    private static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

    package var description: String {
        "SQLite error \(self.code.rawValue) (extended \(self.extendedCode)) \(self.context): \(self.message)"
    }
}

import CSQLite

/// The SQLite library as linked into this binary.
///
/// Not real-time safe.
public enum SQLiteLibrary {
    /// SQLite's version string, for example "3.40.1".
    public static var version: String { String(cString: sqlite3_libversion()) }

    /// Whether this SQLite was built thread-safe (serialized or multi-thread mode).
    public static var isThreadSafe: Bool { sqlite3_threadsafe() != 0 }
}

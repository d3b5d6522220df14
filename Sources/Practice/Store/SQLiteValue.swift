/// A value bound to a statement parameter: SQLite's storage classes, less blobs, which the store does not use.
package enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    /// `.text`, or `.null` when `value` is `nil`.
    package static func optionalText(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// `.integer`, or `.null` when `value` is `nil`.
    package static func optionalInteger(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }
}

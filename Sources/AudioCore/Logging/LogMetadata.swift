/// Structured key/value pairs attached to a log message, kept in the order they were added.
///
/// Keys are dot-separated lower-case names, most general part first: `call.id`, `audio.dropped`,
/// `device.name`. Each part is one or more of `a`–`z`, `0`–`9` and `_`. A key outside that form traps, because a
/// key is a name written in code, and a log search that silently misses a misspelt key is worse than a crash in a
/// test. Adding a key that is already present replaces its value in place.
public struct LogMetadata: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    /// The pairs in the order their keys were first added.
    public private(set) var entries: [(key: String, value: LogValue)] = []

    /// Makes empty metadata.
    public init() {}

    /// Makes metadata from literal pairs, in order; `[ "call.id": 42, "audio.dropped": 0 ]`.
    public init(dictionaryLiteral elements: (String, LogValue)...) {
        for (key, value) in elements {
            self[key] = value
        }
    }

    /// Whether `key` is dot-separated lower-case parts of `a`–`z`, `0`–`9` and `_`.
    public static func isValidKey(_ key: String) -> Bool {
        let parts = key.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty
                && part.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                }
        }
    }

    /// The value for `key`, or `nil`; setting `nil` removes the key.
    ///
    /// - Complexity: O(*n*), where *n* is the count of pairs; metadata stays small.
    public subscript(key: String) -> LogValue? {
        get { self.entries.first { $0.key == key }?.value }
        set {
            precondition(Self.isValidKey(key), "log metadata key \"\(key)\" is not dot-separated lower-case words")
            let index = self.entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): self.entries[index].value = value
            case (let index?, nil): self.entries.remove(at: index)
            case (nil, let value?): self.entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Whether there are no pairs.
    public var isEmpty: Bool { self.entries.isEmpty }

    /// This metadata with `other`'s pairs added, `other` winning where both have a key.
    public func merging(_ other: LogMetadata) -> LogMetadata {
        var merged = self
        for (key, value) in other.entries {
            merged[key] = value
        }
        return merged
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: LogValue)]> {
        self.entries.makeIterator()
    }

    public static func == (lhs: LogMetadata, rhs: LogMetadata) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for (key, value) in self.entries {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

/// One metadata value: text, a whole number, a real number or a flag.
///
/// Literals convert directly: `"call.id": 42`, `"caller.name": "Ann"`, `"audio.muted": true`.
public enum LogValue: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    case string(String)
    case integer(Int)
    case double(Double)
    case boolean(Bool)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }

    public var description: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .double(let value): String(value)
        case .boolean(let value): String(value)
        }
    }
}

/// One log message with everything a sink writes about it.
public struct LogRecord: Hashable, Sendable {
    /// When the message was logged, in nanoseconds since the Unix epoch (UTC).
    public let timestampNanoseconds: Int64

    /// How much the message matters.
    public let level: LogLevel

    /// The logger's label: which part of the program spoke, such as `attendant.call`.
    public let label: String

    /// The human-readable message.
    public let message: String

    /// The logger's metadata merged with the message's own.
    public let metadata: LogMetadata

    /// Makes a record; loggers make these, tests and sinks may too.
    public init(timestampNanoseconds: Int64, level: LogLevel, label: String, message: String, metadata: LogMetadata) {
        self.timestampNanoseconds = timestampNanoseconds
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
    }

    /// The timestamp as ISO 8601 in UTC with milliseconds, such as `2025-03-14T09:26:53.589Z`.
    public var timestampText: String {
        let seconds = self.timestampNanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        // Floor towards negative infinity so that instants before 1970 format correctly.
        let wholeSeconds = seconds.remainder < 0 ? seconds.quotient - 1 : seconds.quotient
        let nanoseconds = seconds.remainder < 0 ? seconds.remainder + 1_000_000_000 : seconds.remainder
        let fields = Syscalls.utcCalendar(secondsSinceEpoch: wholeSeconds)

        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(fields.year, 4))-\(padded(fields.month, 2))-\(padded(fields.day, 2))T"
            + "\(padded(fields.hour, 2)):\(padded(fields.minute, 2)):\(padded(fields.second, 2))."
            + "\(padded(Int(nanoseconds / 1_000_000), 3))Z"
    }
}

/// A sink that writes one plain-text line per record, for people reading a terminal or `journalctl`.
///
/// A line reads `2025-03-14T09:26:53.589Z info [attendant.call] Call answered call.id=42 audio.dropped=0`.
/// Metadata values containing spaces, quotes, `=` or control characters are quoted with `"` and escaped
/// JSON-style, so a line always splits back into its pairs.
public struct TextLogSink: LogSink {
    private let output: LogOutput

    /// Makes a sink that writes to an open file descriptor, which it does not close.
    public init(fileDescriptor: Int32) {
        self.output = LogOutput(fileDescriptor: fileDescriptor)
    }

    /// A sink that writes to standard error.
    public static var standardError: TextLogSink { TextLogSink(fileDescriptor: 2) }

    /// Writes `record` as one line.
    ///
    /// Not real-time safe: allocates and takes the output lock.
    public func write(_ record: LogRecord) {
        self.output.writeLine(Self.line(for: record))
    }

    /// The line written for `record`, without the newline.
    public static func line(for record: LogRecord) -> String {
        var line = "\(record.timestampText) \(record.level) [\(record.label)] \(record.message)"
        for (key, value) in record.metadata {
            line += " \(key)=\(Self.text(for: value))"
        }
        return line
    }

    private static func text(for value: LogValue) -> String {
        let text = value.description
        let needsQuotes =
            text.isEmpty
            || text.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 }
        return needsQuotes ? JSONLinesLogSink.quoted(text) : text
    }
}

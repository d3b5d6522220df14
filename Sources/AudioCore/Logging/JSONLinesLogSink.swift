/// A sink that writes one JSON object per line, for log collectors.
///
/// A line reads `{"timestamp":"2025-03-14T09:26:53.589Z","level":"info","label":"attendant.call",
/// "message":"Call answered","metadata":{"call.id":42,"audio.dropped":0}}` (on one line). Metadata keeps its dotted
/// keys as they are, inside `metadata`, so they cannot collide with the fixed fields. Numbers and flags are JSON
/// numbers and booleans; a non-finite number becomes the string `"nan"`, `"inf"` or `"-inf"`.
public struct JSONLinesLogSink: LogSink {
    private let output: LogOutput

    /// Makes a sink that writes to an open file descriptor, which it does not close.
    public init(fileDescriptor: Int32) {
        self.output = LogOutput(fileDescriptor: fileDescriptor)
    }

    /// A sink that writes to standard error.
    public static var standardError: JSONLinesLogSink { JSONLinesLogSink(fileDescriptor: 2) }

    /// Writes `record` as one line.
    ///
    /// Not real-time safe: allocates and takes the output lock.
    public func write(_ record: LogRecord) {
        self.output.writeLine(Self.line(for: record))
    }

    /// The JSON object written for `record`, without the newline.
    public static func line(for record: LogRecord) -> String {
        var line = "{\"timestamp\":\(quoted(record.timestampText)),\"level\":\(quoted(record.level.description)),"
        line += "\"label\":\(quoted(record.label)),\"message\":\(quoted(record.message))"
        if !record.metadata.isEmpty {
            line += ",\"metadata\":{"
            line += record.metadata.map { "\(quoted($0.key)):\(json(for: $0.value))" }.joined(separator: ",")
            line += "}"
        }
        line += "}"
        return line
    }

    private static func json(for value: LogValue) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return String(flag)
        case .double(let number):
            guard number.isFinite else { return quoted(number.isNaN ? "nan" : (number < 0 ? "-inf" : "inf")) }
            return String(number)
        }
    }

    /// `text` as a JSON string literal: quoted, with `"`, `\` and control characters escaped. Shared with every
    /// other writer of JSON in the project (the command-line tool's `--json` output).
    ///
    /// Not real-time safe: allocates.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
        return result
    }
}

/// How much a log message matters, from `trace` (most detail) to `error`.
///
/// Libraries log at `trace` and `debug`; the application decides what is worth `info` and above.
public enum LogLevel: Int, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// Step-by-step detail for following one call through the code.
    case trace
    /// Detail a developer needs to diagnose a problem.
    case debug
    /// Normal events worth keeping: a call answered, a booking made.
    case info
    /// Something unusual that the program handled, such as a device reconnect.
    case warning
    /// Something failed and a person should look at it.
    case error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The level's name in lower case, as written in log lines.
    public var description: String {
        switch self {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

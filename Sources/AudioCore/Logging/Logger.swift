/// A label, a minimum level, metadata and a sink: what a part of the program logs through.
///
/// Libraries take a `Logger` from their caller (usually in `init`) and never make one, so the application alone
/// decides where logs go and how much detail they keep. Libraries log at `trace` and `debug`. Add call-wide
/// context once with `with(_:)` (`logger.with(["call.id": "\(id)"])`) rather than on every message.
///
/// Nothing logs on the audio path: formatting a message allocates, and a sink may block on its output. An audio
/// thread counts problems; the control side reads the counters and logs them.
///
/// Not real-time safe: any thread but audio threads.
public struct Logger: Sendable {
    /// Which part of the program is speaking, such as `attendant.call`.
    public let label: String

    /// Messages below this level are dropped before their text is built.
    public var minimumLevel: LogLevel

    /// Metadata added to every message.
    public var metadata: LogMetadata

    /// Where records go.
    public let sink: any LogSink

    /// Makes a logger.
    ///
    /// Not real-time safe: any thread but audio threads.
    ///
    /// - Parameters:
    ///   - label: Which part of the program is speaking.
    ///   - minimumLevel: The least important level that is written; `.info` unless you are diagnosing.
    ///   - metadata: Metadata added to every message.
    ///   - sink: Where records go, such as `TextLogSink.standardError`.
    public init(label: String, minimumLevel: LogLevel = .info, metadata: LogMetadata = [:], sink: any LogSink) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.metadata = metadata
        self.sink = sink
    }

    /// A logger that writes nothing, for callers that do not want a library's logs.
    public static var disabled: Logger {
        Logger(label: "disabled", minimumLevel: .error, sink: DiscardingLogSink())
    }

    /// This logger with `metadata` added to every message (the new values win on a shared key).
    ///
    /// Not real-time safe: any thread but audio threads.
    public func with(_ metadata: LogMetadata) -> Logger {
        var logger = self
        logger.metadata = self.metadata.merging(metadata)
        return logger
    }

    /// Whether a message at `level` would be written.
    public func isEnabled(_ level: LogLevel) -> Bool {
        level >= self.minimumLevel
    }

    /// Writes `message` at `level` with the logger's metadata and `metadata`.
    ///
    /// The message and metadata are only built when the level is enabled.
    ///
    /// Not real-time safe: any thread but audio threads; allocates and may block on the sink.
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> LogMetadata = [:]
    ) {
        guard self.isEnabled(level) else { return }
        let extra = metadata()
        self.sink.write(
            LogRecord(
                timestampNanoseconds: Syscalls.realtimeNanoseconds(), level: level, label: self.label,
                message: message(), metadata: extra.isEmpty ? self.metadata : self.metadata.merging(extra)))
    }

    /// Writes `message` at `.trace`. Not real-time safe.
    public func trace(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        self.log(.trace, message(), metadata: metadata())
    }

    /// Writes `message` at `.debug`. Not real-time safe.
    public func debug(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        self.log(.debug, message(), metadata: metadata())
    }

    /// Writes `message` at `.info`. Not real-time safe.
    public func info(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        self.log(.info, message(), metadata: metadata())
    }

    /// Writes `message` at `.warning`. Not real-time safe.
    public func warning(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        self.log(.warning, message(), metadata: metadata())
    }

    /// Writes `message` at `.error`. Not real-time safe.
    public func error(_ message: @autoclosure () -> String, metadata: @autoclosure () -> LogMetadata = [:]) {
        self.log(.error, message(), metadata: metadata())
    }
}

import Synchronization

/// Where a `Logger` sends records: a terminal, a file, a collector in a test.
///
/// A sink may be called from many threads at once and must keep each record's output whole.
public protocol LogSink: Sendable {
    /// Writes one record.
    ///
    /// Not real-time safe: may allocate and block on its output.
    func write(_ record: LogRecord)
}

/// A sink that drops every record.
public struct DiscardingLogSink: LogSink {
    /// Makes the sink.
    public init() {}

    /// Drops `record`.
    public func write(_ record: LogRecord) {}
}

/// A sink that keeps records in memory, for tests that check what was logged.
public final class CapturingLogSink: LogSink {
    private let captured = Mutex<[LogRecord]>([])

    /// Makes an empty sink.
    public init() {}

    /// Keeps `record`.
    ///
    /// Not real-time safe: takes a lock and allocates.
    public func write(_ record: LogRecord) {
        self.captured.withLock { $0.append(record) }
    }

    /// Every record written so far, oldest first.
    public var records: [LogRecord] { self.captured.withLock { $0 } }
}

/// Where a file-writing sink writes: a file descriptor it does not own.
final class LogOutput: Sendable {
    let fileDescriptor: Int32

    /// Serialises writes so that lines from different threads never interleave, even past `PIPE_BUF`.
    private let lock = Mutex<Void>(())

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    func writeLine(_ line: String) {
        var line = line
        line.append("\n")
        self.lock.withLock { _ in
            line.withUTF8 { bytes in
                Syscalls.writeAll(fileDescriptor: self.fileDescriptor, bytes: UnsafeRawBufferPointer(bytes))
            }
        }
    }
}

import Foundation

/// Where a command's output goes: standard output and standard error in the tool, buffers in tests.
///
/// Not real-time safe: control thread only.
public final class Console: @unchecked Sendable {
    // @unchecked: the buffers are guarded by `lock`; the file handles are thread-safe.
    private let lock = NSLock()
    private let isCapturing: Bool
    private var capturedOutput = ""
    private var capturedErrors = ""

    /// A console writing to the process's standard output and standard error.
    public static func standard() -> Console { Console(isCapturing: false) }

    /// A console that keeps everything written, for tests.
    public static func capturing() -> Console { Console(isCapturing: true) }

    private init(isCapturing: Bool) {
        self.isCapturing = isCapturing
    }

    /// Everything written to standard output so far (capturing consoles only).
    public var output: String { self.lock.withLock { self.capturedOutput } }

    /// Everything written to standard error so far (capturing consoles only).
    public var errors: String { self.lock.withLock { self.capturedErrors } }

    /// Writes one line to standard output.
    public func print(_ line: String = "") {
        self.write(line + "\n", toErrors: false)
    }

    /// Writes one line to standard error.
    public func printError(_ line: String) {
        self.write(line + "\n", toErrors: true)
    }

    private func write(_ text: String, toErrors: Bool) {
        if self.isCapturing {
            self.lock.withLock {
                if toErrors { self.capturedErrors += text } else { self.capturedOutput += text }
            }
        } else {
            let handle = toErrors ? FileHandle.standardError : FileHandle.standardOutput
            handle.write(Data(text.utf8))
        }
    }
}

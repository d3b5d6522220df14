/// An ALSA device could not be opened, configured or used.
public struct DeviceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The PCM's name as given (`default`, `hw:1,0`, or the name inside a configuration string).
    public let device: String
    /// What was being done: "open", "set the rate", "read", ….
    public let operation: String
    /// ALSA's negative error code, or 0 when the failure is Attendant's own (an unsupported rate).
    public let code: Int32
    /// ALSA's message for `code`, or Attendant's reason.
    public let reason: String

    init(device: String, operation: String, code: Int32) {
        self.device = device
        self.operation = operation
        self.code = code
        self.reason = ALSALibrary.message(forErrorCode: code)
    }

    public init(device: String, operation: String, reason: String) {
        self.device = device
        self.operation = operation
        self.code = 0
        self.reason = reason
    }

    public var description: String {
        "ALSA device '\(self.device)': cannot \(self.operation): \(self.reason)"
            + (self.code != 0 ? " (error \(self.code))" : "")
    }
}

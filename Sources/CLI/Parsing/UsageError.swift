/// The command line was wrong: the message says what, and the command's usage follows it.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, in words for the user.
    public var message: String

    /// Creates a usage error with a message for the user.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}

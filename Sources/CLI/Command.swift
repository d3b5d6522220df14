/// One `attendant` subcommand.
///
/// Not real-time safe: commands run on the main thread and may block, allocate and throw.
public protocol Command: Sendable {
    /// The word that selects the command, for example `info`.
    var name: String { get }

    /// One line for the command list in `attendant --help`.
    var summary: String { get }

    /// Whether `attendant --help` leaves the command out (a tool's data source rather than a user's command).
    var isHidden: Bool { get }

    /// The usage synopsis and option list shown by `attendant help <name>` and after a usage error.
    var usage: String { get }

    /// Runs the command.
    ///
    /// - Returns: the process exit status (0 for success).
    /// - Throws: `UsageError` when the arguments are wrong; any other error is reported as a failure.
    func run(_ arguments: [String], console: Console) throws -> Int32
}

extension Command {
    /// Listed in `attendant --help` unless a command says otherwise.
    public var isHidden: Bool { false }
}

/// Process exit statuses, following BSD `sysexits.h` where one fits.
public enum ExitStatus {
    /// Success.
    public static let success: Int32 = 0

    /// The command ran and failed (bad input file, library error).
    public static let failure: Int32 = 1

    /// The command line was wrong (`EX_USAGE`).
    public static let usage: Int32 = 64
}

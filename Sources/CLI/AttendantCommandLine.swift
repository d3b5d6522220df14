import AudioCore

/// The `attendant` tool: picks a subcommand, runs it, and turns failures into messages and exit statuses.
///
/// Not real-time safe: main thread only.
public struct AttendantCommandLine: Sendable {
    /// Every subcommand, in the order `--help` lists them.
    public let commands: [any Command]

    /// The tool with its full command set.
    public init() {
        self.commands = [
            DemoCommand(),
            ReplayCommand(),
            BenchCommand(),
            RunCommand(),
            DevicesCommand(),
            DeskScriptCommand(),
            InfoCommand(),
            ConvertCommand(),
            TranscribeCommand(),
            DenoiseCommand(),
            CheckCommand(),
            VADCommand(),
            EvalCommand(),
            UnderstandCommand(),
            PracticeCommand(),
            ScheduleCommand(),
            ReportCommand(),
            VADFeaturesCommand(),
            EmbedCommand(),
        ]
    }

    /// Runs the tool with `arguments` (without the program name).
    ///
    /// - Returns: the process exit status.
    public func run(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.printError(self.help)
            return ExitStatus.usage
        }
        switch first {
        case "-h", "--help":
            console.print(self.help)
            return ExitStatus.success
        case "help":
            return self.runHelp(Array(arguments.dropFirst()), console: console)
        case "--version", "version":
            console.print("attendant \(AttendantVersion.current)")
            return ExitStatus.success
        default:
            break
        }

        guard let command = self.commands.first(where: { $0.name == first }) else {
            console.printError("attendant: unknown command '\(first)'\(self.suggestion(for: first))")
            console.printError("Run 'attendant --help' for the list of commands.")
            return ExitStatus.usage
        }
        let commandArguments = Array(arguments.dropFirst())
        if commandArguments.contains("--help") || commandArguments.contains("-h") {
            console.print(command.usage)
            return ExitStatus.success
        }
        if let message = CPUFeatures.incompatibilityMessage {
            console.printError("attendant: \(message)")
            return ExitStatus.failure
        }

        do {
            return try command.run(commandArguments, console: console)
        } catch let error as UsageError {
            console.printError("attendant \(command.name): \(error.message)")
            console.printError(command.usage)
            return ExitStatus.usage
        } catch {
            console.printError("attendant \(command.name): \(error)")
            return ExitStatus.failure
        }
    }

    /// The text of `attendant --help`.
    public var help: String {
        let listed = self.commands.filter { !$0.isHidden }
        let width = listed.map(\.name.count).max() ?? 0
        let lines = listed.map { command in
            "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary
        }
        return """
            attendant: an on-premises AI receptionist for medical practices.

            Usage: attendant <command> [arguments]

            Commands:
            \(lines.joined(separator: "\n"))

            Run 'attendant help <command>' or 'attendant <command> --help' for a command's options.
            """
    }

    private func runHelp(_ arguments: [String], console: Console) -> Int32 {
        guard let name = arguments.first else {
            console.print(self.help)
            return ExitStatus.success
        }
        guard let command = self.commands.first(where: { $0.name == name }) else {
            console.printError("attendant help: unknown command '\(name)'\(self.suggestion(for: name))")
            return ExitStatus.usage
        }
        console.print(command.usage)
        return ExitStatus.success
    }

    /// " (did you mean 'x'?)" for the closest command name within two edits, or "".
    private func suggestion(for word: String) -> String {
        let scored = self.commands.map { ($0.name, editDistance(word, $0.name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return "" }
        return " (did you mean '\(best.0)'?)"
    }
}

/// The version this build reports.
public enum AttendantVersion {
    /// The version string.
    public static let current = "0.1.0"
}

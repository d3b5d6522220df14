import AudioCore
import Testing

@testable import CLI

@Suite("The attendant command line")
struct AttendantCommandLineTests {
    let tool = AttendantCommandLine()

    @Test("--help lists every command but the hidden ones with its summary and exits 0")
    func help() {
        let console = Console.capturing()
        #expect(self.tool.run(["--help"], console: console) == ExitStatus.success)
        for command in self.tool.commands {
            #expect(console.output.contains(command.summary) == !command.isHidden, "\(command.name)")
            if !command.isHidden { #expect(console.output.contains(command.name)) }
        }
    }

    @Test("no arguments prints help to standard error as a usage error")
    func noArguments() {
        let console = Console.capturing()
        #expect(self.tool.run([], console: console) == ExitStatus.usage)
        #expect(console.errors.contains("Usage: attendant <command>"))
        #expect(console.output.isEmpty)
    }

    @Test("an unknown command is a usage error with a suggestion")
    func unknownCommand() {
        let console = Console.capturing()
        #expect(self.tool.run(["chek"], console: console) == ExitStatus.usage)
        #expect(console.errors.contains("unknown command 'chek' (did you mean 'check'?)"))
    }

    @Test("a command's --help and help <command> print its usage")
    func commandHelp() throws {
        let check = try #require(self.tool.commands.first { $0.name == "check" })
        for arguments in [["check", "--help"], ["help", "check"]] {
            let console = Console.capturing()
            #expect(self.tool.run(arguments, console: console) == ExitStatus.success)
            #expect(console.output.contains(check.usage))
        }
    }

    @Test("a bad option prints the error and the command's usage, exit 64")
    func badOption() {
        let console = Console.capturing()
        #expect(self.tool.run(["check", "--jsn"], console: console) == ExitStatus.usage)
        #expect(console.errors.contains("attendant check: unknown option --jsn"))
        #expect(console.errors.contains("Usage: attendant check"))
    }

    @Test("check passes on a machine set up by tools/setup and reports every library")
    func check() {
        let console = Console.capturing()
        #expect(self.tool.run(["check", "--json"], console: console) == ExitStatus.success)
        for component in [
            "cpu", "alsa", "opus", "sndfile", "webrtc", "pocketsphinx", "flite", "espeak-ng", "sqlite", "spotter",
        ] {
            #expect(console.output.contains("{\"component\":\"\(component)\",\"ok\":true"))
        }
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func distance() {
        #expect(editDistance("chek", "check") == 1)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("convert", "convert") == 0)
        #expect(editDistance("info", "fino") == 2)
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func json() {
        #expect(jsonString("a\"b\\c\n\u{01}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }
}

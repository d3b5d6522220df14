import AttendantTestSupport
import Foundation
import Testing

@testable import CLI

/// `attendant eval spot`: the digits head over a transcript list.
@Suite("eval spot")
struct EvalSpotCommandTests {
    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    /// A list of recordings in a scratch folder, each line `path<TAB>transcript`.
    func list(_ lines: [String]) throws -> String {
        let directory = try TestPaths.makeScratchDirectory(label: "eval-spot")
        let url = directory.appendingPathComponent("list.tsv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    @Test("Real recorded digits are scored, with JSON rows")
    func scoresDigits() throws {
        let folder = TestPaths.corpus("asr_fsdd/recordings").path
        let list = try self.list(["\(folder)/7_jackson_0.wav\tseven", "\(folder)/5_theo_1.wav\tfive"])
        let (status, console) = self.run(["eval", "spot", list, "--head", "digits", "--json"])
        #expect(status == ExitStatus.success)
        let object = try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any]
        #expect(object?["files"] as? Int == 2)
        #expect((object?["accuracy"] as? Double ?? -1) >= 0)
    }

    @Test("A transcript that is not one digit word, or an unknown head, is a usage error")
    func badInput() throws {
        let folder = TestPaths.corpus("asr_fsdd/recordings").path
        let list = try self.list(["\(folder)/7_jackson_0.wav\tseven eight"])
        let (status, console) = self.run(["eval", "spot", list])
        #expect(status == ExitStatus.usage)
        #expect(console.errors.contains("one digit word"))
        #expect(self.run(["eval", "spot", list, "--head", "weather"]).status == ExitStatus.usage)
    }
}

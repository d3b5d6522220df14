import AttendantTestSupport
import Foundation
import Testing

@testable import CLI

/// `attendant replay` and `attendant demo` end to end with a capturing console.
@Suite("Replay and demo commands", .serialized)
struct ReplayCommandTests {
    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    /// A folder holding the given scenario files.
    func folder(_ files: [String: String]) throws -> URL {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-replay")
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let silentCaller = """
        {"id": "silent", "now": "2026-12-07T09:00:00", "expect": {"outcome": "abandoned"}}
        """

    @Test("a folder with a broken scenario runs the others, names the broken file and exits 1")
    func brokenScenarioInFolder() throws {
        let folder = try self.folder([
            "a-silent.json": Self.silentCaller, "b-broken.json": "{\"id\": \"b\", \"now\": 1}",
        ])
        let (status, console) = self.run(["replay", folder.path, "--fast", "--no-spotter"])
        #expect(status == ExitStatus.failure)
        #expect(console.output.contains("silent: passed"), "\(console.output)")
        #expect(console.errors.contains("b-broken.json: now: expected a string"), "\(console.errors)")
        #expect(console.output.contains("1 of 2 calls passed"))
    }

    @Test("an appointment the practice has no slot for (Dr. Lee does not work Wednesdays) is a clear error")
    func unknownSlot() throws {
        let scenario = """
            {"id": "bad-slot", "now": "2026-12-07T09:00:00",
             "patient": {"name": "Maria Lopez", "dateOfBirth": "1984-03-09",
                         "appointments": [{"doctor": "Dr. Lee", "start": "2026-12-09T10:00:00"}]},
             "expect": {"outcome": "abandoned"}}
            """
        let folder = try self.folder(["bad-slot.json": scenario])
        let (status, console) = self.run(["replay", folder.appendingPathComponent("bad-slot.json").path, "--fast"])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("Dr. Lee at 2026-12-09T10:00:00 cannot be booked"), "\(console.errors)")
    }

    @Test("an unknown doctor in the patient's appointments is a clear error")
    func unknownDoctor() throws {
        let scenario = """
            {"id": "bad-doctor", "now": "2026-12-07T09:00:00",
             "patient": {"name": "Maria Lopez", "dateOfBirth": "1984-03-09",
                         "appointments": [{"doctor": "Dr. Who", "start": "2026-12-08T10:00:00"}]},
             "expect": {"outcome": "abandoned"}}
            """
        let folder = try self.folder(["bad-doctor.json": scenario])
        let (status, console) = self.run(["replay", folder.appendingPathComponent("bad-doctor.json").path, "--fast"])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("Dr. Who"), "\(console.errors)")
    }

    @Test("the demo, the README's first command, books its call and says where the agent's audio is")
    func demo() throws {
        let out = try TestPaths.makeScratchDirectory(label: "attendant-demo")
        let (status, console) = self.run(["demo", "--out", out.path])
        #expect(status == ExitStatus.success, "\(console.output)\(console.errors)")
        #expect(console.output.contains("demo-book-tuesday-morning: passed"))
        #expect(console.output.contains("agent   You are booked with Dr. Patel on Tuesday, December 8"))
        #expect(console.output.contains("audio and transcript in \(out.path)/demo-book-tuesday-morning"))
        let agent = out.appendingPathComponent("demo-book-tuesday-morning/agent.wav")
        let size = try FileManager.default.attributesOfItem(atPath: agent.path)[.size] as? Int ?? 0
        #expect(size > 16_000 * 2 * 10, "at least 10 s of the agent's 16 kHz audio")
    }

    @Test("a missing path is a usage error")
    func missingPath() {
        let (status, console) = self.run(["replay", "/nonexistent/scenarios", "--fast"])
        #expect(status == ExitStatus.usage)
        #expect(console.errors.contains("/nonexistent/scenarios does not exist"))
    }
}

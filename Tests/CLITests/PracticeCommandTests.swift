import AttendantTestSupport
import Foundation
import Testing

@testable import CLI

/// `attendant practice` end to end with a capturing console: the default, the fixture, and refused files.
@Suite("Practice command")
struct PracticeCommandTests {
    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    func scratch(_ text: String) throws -> String {
        let url = try TestPaths.makeScratchDirectory(label: "attendant-practice").appendingPathComponent(
            "practice.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("without a file it summarises the built-in Riverside practice: hours, doctors, emergency number")
    func builtInDefault() {
        let (status, console) = self.run(["practice"])
        #expect(status == ExitStatus.success, "\(console.errors)")
        let output = console.output
        #expect(output.contains("Riverside Family Practice (built-in default)"))
        #expect(output.contains("emergency    911"))
        #expect(output.contains("after hours  emergency instructions (call 911), then take a message"))
        #expect(output.contains("  monday       08:30-18:00"))
        #expect(output.contains("  saturday     09:00-12:00"))
        #expect(output.contains("  sunday       closed"))
        #expect(output.contains("  2026-12-25   closed (Christmas Day)"))
        #expect(output.contains("Dr. Patel, 15-minute appointments"))
        #expect(output.contains("  monday       08:30-12:00, 13:00-18:00"), "Dr. Lee's lunch break")
        #expect(console.errors.isEmpty)
    }

    @Test("the fixture file gives the same summary as the built-in default")
    func fixtureFile() {
        let path = TestPaths.fixture("practice/riverside.json").path
        let (status, console) = self.run(["practice", path])
        #expect(status == ExitStatus.success, "\(console.errors)")
        let builtIn = self.run(["practice"]).console.output
        #expect(console.output == builtIn.replacingOccurrences(of: "(built-in default)", with: "(\(path))"))
    }

    @Test("--json gives one object with weekdays as lists of ranges")
    func json() throws {
        let (status, console) = self.run(["practice", "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["name"] as? String == "Riverside Family Practice")
        #expect(object["emergencyNumber"] as? String == "911")
        let hours = try #require(object["openingHours"] as? [String: [String]])
        #expect(hours["friday"] == ["08:30-18:00"] && hours["saturday"] == ["09:00-12:00"] && hours["sunday"] == [])
        let doctors = try #require(object["doctors"] as? [[String: Any]])
        #expect(doctors.compactMap { $0["name"] as? String } == ["Dr. Grant", "Dr. Patel", "Dr. Lee"])
        #expect(doctors.allSatisfy { $0["appointmentMinutes"] as? Int == 15 })
        #expect((object["afterHours"] as? [String: String])?["action"] == "emergencyInstructionsThenMessage")
    }

    @Test("an invalid file exits 1 with the file, the field path and the reason")
    func invalidFile() throws {
        let path = try self.scratch(
            #"""
            {"name": "Clinic", "address": "1 Main St", "phone": "555 0100", "timeZone": "Europe/London",
             "emergencyNumber": "999", "openingHours": {"tuesday": "08:30-18:00"},
             "doctors": [{"name": "Dr. Okafor", "appointmentMinutes": 10},
                         {"name": "Dr. Ruiz", "appointmentMinutes": 15, "hours": {"tuesday": "07:00-12:00"}}]}
            """#)
        let (status, console) = self.run(["practice", path])
        #expect(status == ExitStatus.failure)
        #expect(
            console.errors
                == "attendant practice: \(path): doctors[1].hours.tuesday: 07:00-12:00 starts before the practice"
                + " opens (08:30)\n")
        #expect(console.output.isEmpty)
    }

    @Test("a file that is not JSON, or is missing, exits 1 with a message, not a crash")
    func unreadableFiles() throws {
        let broken = try self.scratch("{\"name\": \"Clinic\",")
        let (brokenStatus, brokenConsole) = self.run(["practice", broken])
        #expect(brokenStatus == ExitStatus.failure)
        #expect(brokenConsole.errors.hasPrefix("attendant practice: \(broken): not valid JSON"))

        let (missingStatus, missingConsole) = self.run(["practice", "/nonexistent/practice.json"])
        #expect(missingStatus == ExitStatus.failure)
        #expect(missingConsole.errors.hasPrefix("attendant practice: /nonexistent/practice.json: cannot read the file"))
    }

    @Test("usage errors: two files, an unknown option")
    func usage() {
        for arguments in [["practice", "a.json", "b.json"], ["practice", "--jsn"]] {
            let (status, console) = self.run(arguments)
            #expect(status == ExitStatus.usage, "\(arguments)")
            #expect(console.errors.contains("Usage: attendant practice"))
        }
    }
}

import Foundation
import Testing

@testable import CLI

/// `attendant understand` and `attendant eval understanding` end to end with a capturing console.
@Suite("Understanding commands")
struct UnderstandCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/understanding")

    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    func scratch(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-understanding-\(UUID().uuidString).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("understand --json gives intent, confidence, urgency and slots with ISO 8601 dates")
    func understandJSON() throws {
        let (status, console) = self.run([
            "understand", "hi, um, I need to see Dr. Patel next Tuesday at three thirty", "--now",
            "2025-03-11T09:30:00-05:00", "--json",
        ])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["intent"] as? String == "book")
        #expect((object["confidence"] as? Double ?? 0) > 0.8)
        #expect(object["urgent"] as? Bool == false)
        let slots = try #require(object["slots"] as? [String: String])
        #expect(slots == ["doctor": "Dr. Patel", "day": "2025-03-18", "time": "15:30"])
        #expect(object["start"] as? String == "2025-03-18T15:30:00-05:00")
    }

    @Test("understand prints the urgent category and phrase as text")
    func understandText() {
        let (status, console) = self.run([
            "understand", "my wife is having chest pain", "--now", "2025-03-11T09:30:00Z",
        ])
        #expect(status == ExitStatus.success)
        #expect(console.output.contains("intent      emergency"))
        #expect(console.output.contains("urgent      yes: chestPain ('chest pain')"))
    }

    @Test("understand takes the doctor list and a named time zone")
    func understandOptions() {
        let (status, console) = self.run([
            "understand", "can doctor okafor see me tomorrow", "--doctors", "Dr. Okafor, Dr. Ruiz", "--now",
            "2025-03-11T03:00:00Z", "--time-zone", "-05:00",
        ])
        #expect(status == ExitStatus.success)
        #expect(console.output.contains("doctor      Dr. Okafor"))
        #expect(console.output.contains("day         2025-03-11"), "03:00 UTC is still March 10 at -05:00")
    }

    @Test("understand of empty text or fillers is other, not an error")
    func understandEmpty() {
        for text in ["", "um uh"] {
            let (status, console) = self.run(["understand", text, "--now", "2025-03-11T09:30:00Z"])
            #expect(status == ExitStatus.success)
            #expect(console.output.contains("intent      other"))
        }
    }

    @Test("understand usage errors: missing text, a bad --now, an unknown option, a bad time zone")
    func understandUsage() {
        for arguments in [
            ["understand"], ["understand", "hi", "--now", "tuesday"], ["understand", "hi", "--fast"],
            ["understand", "hi", "--time-zone", "Mars/Olympus"], ["understand", "a", "b"],
        ] {
            let (status, console) = self.run(arguments)
            #expect(status == ExitStatus.usage, "\(arguments)")
            #expect(console.errors.contains("Usage: attendant understand"))
        }
    }

    @Test("eval understanding scores the tuning set with a confusion table")
    func evalTable() {
        let (status, console) = self.run([
            "eval", "understanding", Self.fixtures.appendingPathComponent("tuning.jsonl").path,
        ])
        #expect(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output.contains("intent accuracy"))
        #expect(console.output.contains("urgent recall"))
        #expect(console.output.contains("confusion (rows: labelled intent, columns: predicted)"))
    }

    @Test("eval understanding --json on a small set: accuracy, slots, recall and false alarms")
    func evalJSON() throws {
        let path = try self.scratch(
            """
            # a comment
            {"text": "I need to cancel tomorrow", "intent": "cancel", "urgent": false, "now": "2025-03-11T09:30:00-05:00", "slots": {"day": "2025-03-12"}}
            {"text": "I can't breathe", "intent": "emergency", "urgent": true}
            {"text": "my chest x-ray results", "intent": "results", "urgent": false}
            {"text": "where are you", "intent": "hours"}

            """)
        let (status, console) = self.run(["eval", "understanding", path, "--json", "--misses"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["utteranceCount"] as? Int == 4)
        #expect(object["intentAccuracy"] as? Double == 0.75)
        #expect(object["slotAccuracy"] as? Double == 1)
        #expect(object["urgentRecall"] as? Double == 1)
        #expect(object["falseAlarmRate"] as? Double == 0)
        let confusion = try #require(object["confusion"] as? [String: [String: Int]])
        #expect(confusion["hours"] == ["address": 1])
        #expect((object["misses"] as? [String])?.count == 1)
    }

    @Test("eval understanding on a broken set fails with the file and line")
    func evalBroken() throws {
        let badIntent = try self.scratch("{\"text\": \"hi\", \"intent\": \"booking\"}\n")
        let (status, console) = self.run(["eval", "understanding", badIntent])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains(":1: \"intent\" must be one of book"))

        let notJSON = try self.scratch("{\"text\": \"hi\", \"intent\": \"book\"}\nnot json\n")
        let (notJSONStatus, notJSONConsole) = self.run(["eval", "understanding", notJSON])
        #expect(notJSONStatus == ExitStatus.failure)
        #expect(notJSONConsole.errors.contains(":2: not a JSON object"))

        let (missingStatus, missing) = self.run(["eval", "understanding", "/nonexistent/set.jsonl"])
        #expect(missingStatus == ExitStatus.failure)
        #expect(missing.errors.contains("cannot read '/nonexistent/set.jsonl'"))

        let (usageStatus, usage) = self.run(["eval", "understanding"])
        #expect(usageStatus == ExitStatus.usage)
        #expect(usage.errors.contains("missing <set.jsonl>"))
    }
}

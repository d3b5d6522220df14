import AttendantTestSupport
import Dialogue
import Foundation
import Testing

@testable import Call

@Suite("Scenario files") struct ScenarioReadingTests {
    /// A folder with one short audio file, `audio/a.wav`, for scenarios to point at.
    static func folder() throws -> URL {
        let folder = try TestPaths.makeScratchDirectory(label: "scenario-reading")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("audio"), withIntermediateDirectories: true)
        try ReplayAudio.write([[Float](repeating: 0, count: 1600)], to: folder.appendingPathComponent("audio/a.wav"))
        return folder
    }

    static let valid = """
        {"id": "book-1", "now": "2026-12-07T09:00:00", "callerNumber": "+15550123",
         "patient": {"name": "Maria Lopez", "dateOfBirth": "1984-03-09", "phone": "+15550123",
                     "appointments": [{"doctor": "Dr. Lee", "start": "2026-12-09T10:00:00"}]},
         "opening": "audio/a.wav",
         "answers": {"time": ["audio/a.wav", "audio/a.wav"], "confirm": "audio/a.wav"},
         "bargeIn": {"time": 600}, "keypad": {"dateOfBirth": "03091984"}, "hangUpOn": "confirm",
         "echo": {"delayMilliseconds": 40, "gainDB": -18},
         "expect": {"intent": "book", "urgent": false, "outcome": "booked", "doctor": "Dr. Patel",
                    "weekday": "tuesday", "period": "morning", "transferred": false}}
        """

    static func read(_ json: String, in folder: URL) throws(ScenarioError) -> Scenario {
        try Scenario(json: Data(json.utf8), path: "s.json", folder: folder)
    }

    @Test("Every field of a full scenario is read, audio paths resolved against its folder")
    func readsEveryField() throws {
        let folder = try Self.folder()
        let scenario = try Self.read(Self.valid, in: folder)
        #expect(scenario.id == "book-1")
        #expect(scenario.now.description == "2026-12-07T09:00:00")
        #expect(scenario.patient?.appointments.first?.doctor == "Dr. Lee")
        #expect(scenario.attempts(for: .time).count == 2)
        #expect(scenario.attempts(for: .opening) == [folder.appendingPathComponent("audio/a.wav")])
        #expect(scenario.attempts(for: .name).isEmpty)
        #expect(scenario.bargeInMilliseconds[.time] == 600)
        #expect(scenario.keypad[.dateOfBirth] == "03091984")
        #expect(scenario.hangUpOn == .confirm)
        #expect(scenario.echo == EchoPath(delayMilliseconds: 40, gainDB: -18))
        #expect(scenario.expectation.isUrgent == false)
        #expect(scenario.expectation.period == "morning")
    }

    @Test(
        "Bad scenarios are refused with the field and the reason",
        arguments: [
            ("{\"id\": ", "", "is not valid JSON"),
            ("[1, 2]", "", "expected a JSON object"),
            (valid.replacingOccurrences(of: "\"answers\"", with: "\"answer\""), "answer", "did you mean 'answers'"),
            (valid.replacingOccurrences(of: "\"time\": [", with: "\"when\": ["), "answers.when", "is not a question"),
            (
                valid.replacingOccurrences(
                    of: "\"opening\": \"audio/a.wav\"", with: "\"opening\": \"audio/missing.wav\""),
                "opening", "does not exist"
            ),
            (
                valid.replacingOccurrences(of: "\"outcome\": \"booked\"", with: "\"outcome\": \"done\""),
                "expect.outcome", "is not an outcome"
            ),
            (valid.replacingOccurrences(of: "2026-12-07T09:00:00", with: "next monday"), "now", "is not a local date"),
            (
                valid.replacingOccurrences(of: "\"urgent\": false", with: "\"urgent\": 0"), "expect.urgent",
                "expected true or false"
            ),
            (valid.replacingOccurrences(of: "\"gainDB\": -18", with: "\"gainDB\": 6"), "echo.gainDB", "−60…0"),
            (valid.replacingOccurrences(of: "03091984", with: "march"), "keypad.dateOfBirth", "keypad digits"),
        ])
    func refusesBadScenarios(json: String, field: String, reason: String) throws {
        let folder = try Self.folder()
        let error = #expect(throws: ScenarioError.self) { try Self.read(json, in: folder) }
        #expect(error?.field == field)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test("A missing file is refused by path")
    func refusesMissingFile() {
        let error = #expect(throws: ScenarioError.self) {
            try Scenario(contentsOf: URL(fileURLWithPath: "/nonexistent/scenario.json"))
        }
        #expect(error?.description.hasPrefix("/nonexistent/scenario.json: cannot be read") == true)
    }
}

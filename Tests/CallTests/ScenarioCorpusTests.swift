import AttendantTestSupport
import Foundation
import Speech
import Testing

@testable import Call

/// The committed scenarios under `scenarios/`, whose audio `tools/make-scenarios` writes (`tools/setup` runs it).
@Suite("Scenario corpus", .serialized) struct ScenarioCorpusTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("scenarios")

    static func scenario(_ id: String) throws -> Scenario {
        try Scenario(contentsOf: Self.folder.appendingPathComponent("\(id).json"))
    }

    @Test("Every committed scenario reads, and there are at least 40 of them")
    func everyScenarioReads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".json")
        }
        #expect(names.count >= 40)
        for name in names {
            let scenario = try Scenario(contentsOf: Self.folder.appendingPathComponent(name))
            #expect(scenario.id + ".json" == name)
        }
    }

    /// One call of each main flow that the pipeline gets right today: a regression in any stage fails one of them.
    /// (The whole corpus is `attendant replay scenarios --fast`, too slow for a debug build; see the README.)
    @Test(
        "Whole calls reach their expected outcome",
        arguments: [
            "cancel-known-caller", "reschedule-to-thursday-afternoon", "urgent-chest-pain", "book-echo", "hours-today",
            "prescription-renewal-medication",
        ])
    func callPasses(id: String) throws {
        var configuration = ReplayConfiguration()
        configuration.promptCache = CallReplayTests.cache
        let result = try CallReplay(scenario: try Self.scenario(id), configuration: configuration).run()
        #expect(result.hasPassed, "\(result.mismatches); heard: \(result.turns.map(\.text))")
    }
}

import AttendantTestSupport
import Foundation
import Practice
import Testing

@testable import CLI

/// `attendant report` end to end over a scratch database of recorded calls.
@Suite("Report command")
struct ReportCommandTests {
    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "\(text)")
    }

    /// Six calls in New York: three on Monday 7 December 2026 (the last at 23:30, already the 8th in UTC), two on
    /// the 8th and one on the 9th, outside the range the tests ask for.
    func populated() throws -> String {
        let path = try TestPaths.makeScratchDirectory(label: "attendant-report").appendingPathComponent("calls.sqlite")
            .path
        let store = try ScheduleStore(path: path, practice: .default)
        let calls = [
            CallRecord(
                id: "c1", startedAt: try self.instant("2026-12-07T09:00:00-05:00"), intent: "book", outcome: "booked",
                actions: ["book Dr. Lee 2026-12-09T15:00:00Z"], turnLatencyMilliseconds: [300, 500]),
            CallRecord(
                id: "c2", startedAt: try self.instant("2026-12-07T10:00:00-05:00"), intent: "emergency",
                outcome: "transferred", actions: ["transfer Front desk"], turnLatencyMilliseconds: [200]),
            CallRecord(
                id: "c3", startedAt: try self.instant("2026-12-07T23:30:00-05:00"), intent: "cancel",
                outcome: "message_taken", actions: ["cancel 4"], turnLatencyMilliseconds: [400, 600]),
            CallRecord(
                id: "c4", startedAt: try self.instant("2026-12-08T08:45:00-05:00"), intent: "person",
                outcome: "transferred", turnLatencyMilliseconds: [700]),
            CallRecord(
                id: "c5", startedAt: try self.instant("2026-12-08T09:15:00-05:00"), intent: "book", outcome: "booked",
                actions: ["book Dr. Patel 2026-12-10T14:00:00Z", "book Dr. Grant 2026-12-11T14:00:00Z"],
                turnLatencyMilliseconds: [100, 900, 1000]),
            CallRecord(
                id: "c6", startedAt: try self.instant("2026-12-09T09:00:00-05:00"), intent: "emergency",
                outcome: "transferred", turnLatencyMilliseconds: [5000]),
        ]
        for call in calls { try store.recordCall(call) }
        return path
    }

    /// The cells of a table line (no cell of a data row holds a space).
    func cells(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init)
    }

    @Test("the table has a row per day on the practice's clock and a total, with nearest-rank percentiles")
    func table() throws {
        let path = try self.populated()
        let (status, console) = self.run(["report", "--db", path, "--from", "2026-12-07", "--to", "2026-12-08"])
        #expect(status == ExitStatus.success, "\(console.errors)")
        let lines = console.output.split(separator: "\n").map(String.init)
        try #require(lines.count == 7, "\(console.output)")

        #expect(lines[0].hasPrefix("day (America/New_York)  calls  no staff  transfers"))
        #expect(self.cells(lines[1]) == ["2026-12-07", "3", "66.7%", "1", "1", "1", "1", "400", "600", "600"])
        #expect(self.cells(lines[2]) == ["2026-12-08", "2", "50.0%", "1", "2", "0", "0", "700", "1000", "1000"])
        #expect(self.cells(lines[3]) == ["total", "5", "60.0%", "2", "3", "1", "1", "500", "1000", "1000"])
        #expect(lines[4] == "transfers by caller's intent (the store keeps no transfer reason): emergency 1, person 1")
        #expect(lines[5] == "outcomes: booked 2, transferred 2, message_taken 1")
        #expect(lines[6] == "latency: nearest-rank percentiles over all 9 turn latencies")
    }

    @Test("--json gives the same numbers per day and in total")
    func json() throws {
        let path = try self.populated()
        let (status, console) = self.run([
            "report", "--db", path, "--from", "2026-12-07", "--to", "2026-12-08", "--json",
        ])
        #expect(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any], "\(console.output)")
        #expect(object["timeZone"] as? String == "America/New_York")
        #expect(object["from"] as? String == "2026-12-07")
        #expect(
            object["percentileDefinition"] as? String == "nearest-rank over all turn latencies of the calls in range")

        let days = try #require(object["days"] as? [[String: Any]])
        #expect(days.map { $0["day"] as? String } == ["2026-12-07", "2026-12-08"])
        #expect(days.map { $0["calls"] as? Int } == [3, 2])
        #expect(days.map { $0["handledWithoutStaff"] as? Int } == [2, 1])

        let total = try #require(object["total"] as? [String: Any])
        #expect(total["calls"] as? Int == 5)
        #expect(total["handledWithoutStaff"] as? Int == 3)
        #expect(total["handledWithoutStaffShare"] as? Double == 0.6)
        #expect(total["transfers"] as? Int == 2)
        #expect(total["transfersByIntent"] as? [String: Int] == ["emergency": 1, "person": 1])
        #expect(total["outcomes"] as? [String: Int] == ["booked": 2, "transferred": 2, "message_taken": 1])
        #expect(total["bookings"] as? Int == 3)
        #expect(total["cancellations"] as? Int == 1)
        #expect(total["urgent"] as? Int == 1)
        let latency = try #require(total["turnLatencyMilliseconds"] as? [String: Any])
        #expect(latency["count"] as? Int == 9)
        #expect(latency["p50"] as? Double == 500)
        #expect(latency["p95"] as? Double == 1000)
        #expect(latency["p99"] as? Double == 1000)
    }

    @Test("a range without calls prints 'no calls', and JSON has no days and null percentiles")
    func emptyRange() throws {
        let path = try self.populated()
        let (status, console) = self.run(["report", "--db", path, "--from", "2027-01-04", "--to", "2027-01-05"])
        #expect(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output == "no calls\n")

        let (jsonStatus, jsonConsole) = self.run(["report", "--db", path, "--from", "2027-01-04", "--json"])
        #expect(jsonStatus == ExitStatus.success, "\(jsonConsole.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(jsonConsole.output.utf8)) as? [String: Any])
        #expect((object["days"] as? [Any])?.isEmpty == true)
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["calls"] as? Int == 0)
        #expect(total["handledWithoutStaffShare"] is NSNull)
        #expect((total["turnLatencyMilliseconds"] as? [String: Any])?["p50"] is NSNull)
    }

    @Test("a date that is not YYYY-MM-DD is a usage error (64); a missing database exits 1 naming it")
    func failures() throws {
        let path = try self.populated()
        let (badStatus, badConsole) = self.run(["report", "--db", path, "--from", "7 December"])
        #expect(badStatus == ExitStatus.usage)
        #expect(badConsole.errors.contains("--from must be a day YYYY-MM-DD"))

        let missing = try TestPaths.makeScratchDirectory(label: "attendant-report").appendingPathComponent(
            "none.sqlite"
        )
        .path
        let (missingStatus, missingConsole) = self.run(["report", "--db", missing])
        #expect(missingStatus == ExitStatus.failure)
        #expect(missingConsole.errors.contains("\(missing): no schedule database there"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}

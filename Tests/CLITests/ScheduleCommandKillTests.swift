import AttendantTestSupport
import Foundation
import Glibc
import Practice
import Testing

/// "kill -9 during a call loses no confirmed booking": the built `attendant` binary books in a loop, is killed with
/// SIGKILL, and every booking it reported is in the reopened database.
@Suite("Schedule command, kill -9")
struct ScheduleCommandKillTests {
    /// The `attendant` executable beside the test bundle (both are in the same `.build/<config>` folder).
    static func attendantBinary() throws -> URL {
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [testExecutable.deletingLastPathComponent().appendingPathComponent("attendant")]
        candidates.append(TestPaths.packageRoot.appendingPathComponent(".build/debug/attendant"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(
            found, "no attendant binary at \(candidates.map(\.path)); run swift build --product attendant")
    }

    /// Standard output of a child, collected as it arrives.
    final class Lines: @unchecked Sendable {
        // @unchecked: `text` is only touched under `lock`.
        private let lock = NSLock()
        private var text = ""

        func append(_ data: Data) { self.lock.withLock { self.text += String(decoding: data, as: UTF8.self) } }

        /// The complete lines so far.
        var complete: [String] {
            self.lock.withLock {
                let parts = self.text.components(separatedBy: "\n")
                return Array(parts.dropLast())
            }
        }
    }

    @Test("every booking the killed process reported is in the database, which still opens and books")
    func killDuringBooking() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-kill")
        let db = folder.appendingPathComponent("schedule.sqlite").path
        let process = Process()
        process.executableURL = try Self.attendantBinary()
        process.arguments = ["schedule", "book-loop", "--db", db, "--now", "2030-01-07T14:00:00Z"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let lines = Lines()
        output.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
        try process.run()

        // A generous wait for the first reports; the test does not depend on how fast the loop books.
        let deadline = Date().addingTimeInterval(120)
        while lines.complete.count < 5 && process.isRunning && Date() < deadline { usleep(10_000) }
        let reported = lines.complete
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        try #require(reported.count >= 5, "the loop reported \(reported) before the deadline")
        #expect(process.terminationReason == .uncaughtSignal, "killed mid-run, not finished")

        let ids = try reported.map { line in
            try #require(line.hasPrefix("booked ") ? Int64(line.dropFirst("booked ".count)) : nil, "\(line)")
        }
        let store = try ScheduleStore(path: db, practice: .default)
        for id in ids {
            #expect(try store.appointment(id: id)?.status == .booked, "booking \(id) was reported but is lost")
        }
        let check = try store.connection.firstRow("PRAGMA integrity_check") { row throws(SQLiteError) in
            try row.text(at: 0)
        }
        #expect(check == "ok")

        let patient = try store.findOrRegisterPatient(
            name: "After The Kill", dateOfBirth: try #require(LocalDate("1990-06-01")))
        let day = try #require(LocalDate("2030-06-03"))
        let doctor = try #require(PracticeConfiguration.default.doctor(withName: "Dr. Grant"))
        let start = try #require(PracticeConfiguration.default.slotStarts(for: doctor, on: day).first)
        let result = try store.book(
            patientID: patient.id, doctorName: doctor.name, start: start,
            now: Date(timeIntervalSince1970: 1_893_938_400))
        guard case .booked = result else {
            Issue.record("the reopened store could not book: \(result)")
            return
        }
    }
}

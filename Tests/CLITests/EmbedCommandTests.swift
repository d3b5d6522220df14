import AttendantTestSupport
import Foundation
import Testing

@testable import CLI

/// `attendant embed` end to end on a committed utterance: the embeddings are onnxruntime's (within the tolerance
/// `SpottingTests` states), as text and as JSON, and the command stays out of `--help`.
@Suite("Embed command")
struct EmbedCommandTests {
    let tool = AttendantCommandLine()
    let audio = TestPaths.fixture("spotter/audio/book_slt.wav").path

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    func reference() throws -> [Float] {
        let data = try Data(contentsOf: TestPaths.fixture("spotter/reference/book_slt.embedding.f32"))
        return data.withUnsafeBytes { bytes in
            (0..<data.count / 4).map {
                Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
            }
        }
    }

    @Test("embed prints one line per 80 ms from 0.8 s, matching onnxruntime, and is hidden")
    func text() throws {
        let (status, console) = self.run(["embed", self.audio])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let rows = console.output.split(separator: "\n").map { $0.split(separator: "\t") }
        let expected = try self.reference()
        try #require(rows.count == expected.count / 96)
        #expect(rows.first?.first == "0.80" && rows.dropFirst().first?.first == "0.88")
        #expect(rows.allSatisfy { $0.count == 97 })
        let values = rows.flatMap { $0.dropFirst().map { Float($0)! } }
        #expect(zip(values, expected).allSatisfy { abs($0 - $1) <= 5e-4 })
        #expect(!self.tool.help.contains("embed"))
    }

    @Test("embed --json gives the embeddings with their end times")
    func json() throws {
        let (status, console) = self.run(["embed", self.audio, "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        let embeddings = try #require(object["embeddings"] as? [[String: Any]])
        #expect(embeddings.count == (try self.reference().count) / 96)
        #expect((embeddings.first?["values"] as? [Double])?.count == 96)
        #expect(object["hop_seconds"] as? Double == 0.08)
    }

    @Test("embed of a missing file fails with the file's name")
    func missing() {
        let (status, console) = self.run(["embed", "/nonexistent/audio.wav"])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("/nonexistent/audio.wav"))
    }
}

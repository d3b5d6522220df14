import AttendantTestSupport
import Codecs
import Foundation
import Speech
import Testing

@testable import CLI

@Suite("Recognition commands")
struct RecognitionCommandTests {
    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    @Test("transcribe --json gives the text, word times and the real-time factor")
    func transcribe() throws {
        let path = TestPaths.corpus("asr_fsdd/recordings/1_jackson_0.wav").path
        let (status, console) = self.run(["transcribe", path, "--context", "digits", "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["context"] as? String == "digits")
        #expect(object["text"] is String)
        #expect((object["audioSeconds"] as? Double ?? 0) > 0.2)
        #expect((object["realTimeFactor"] as? Double ?? -1) >= 0)
        #expect(object["words"] is [Any])
        #expect((0...1).contains(object["confidence"] as? Double ?? -1))
        #expect(object["rejected"] is Bool)
    }

    @Test("transcribe says when out-of-context speech is rejected, in text and in JSON")
    func transcribeRejected() throws {
        let path = TestPaths.corpus("asr_pocketsphinx/goforward.wav").path
        let (status, console) = self.run(["transcribe", path, "--context", "yesNo"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output.contains("(rejected: not in context)"), "\(console.output)")
        let json = self.run(["transcribe", path, "--context", "yesNo", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.console.output.utf8)) as? [String: Any])
        #expect(object["rejected"] as? Bool == true)
    }

    @Test("eval asr scores a transcript list, paths relative to the list")
    func evalASR() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-asr")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recordings = TestPaths.corpus("asr_fsdd/recordings").path
        let list = folder.appendingPathComponent("list.tsv")
        try "# two files\n\(recordings)/3_theo_0.wav\tthree\n\(recordings)/7_lucas_1.wav\t7\n".write(
            to: list, atomically: true, encoding: .utf8)
        let (status, console) = self.run(["eval", "asr", list.path, "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["files"] as? Int == 2)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["reference"] as? String } == ["three", "seven"])
        #expect((0...1).contains(object["wordErrorRate"] as? Double ?? -1))
        #expect((0...2).contains(object["rejected"] as? Int ?? -1))
        #expect(rows.allSatisfy { $0["rejected"] is Bool })
    }

    @Test("a malformed list, an unknown context and a missing file give clear errors")
    func badInput() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-asr")
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = folder.appendingPathComponent("bad.tsv")
        try "no tab here\n".write(to: list, atomically: true, encoding: .utf8)
        let malformed = self.run(["eval", "asr", list.path])
        #expect(malformed.status == ExitStatus.usage)
        #expect(malformed.console.errors.contains("bad.tsv:1: expected 'audio path<TAB>transcript'"))

        let context = self.run(["transcribe", "x.wav", "--context", "weather"])
        #expect(context.status == ExitStatus.usage)
        #expect(context.console.errors.contains("--context must be one of"))

        let missing = self.run(["transcribe", folder.appendingPathComponent("none.wav").path])
        #expect(missing.status == ExitStatus.failure)
        #expect(missing.console.errors.contains("none.wav"))
    }

    /// `text` spoken by flite's slt voice into a 16 kHz WAV in `folder`.
    func spokenFile(_ text: String, in folder: URL) throws -> String {
        let voice = try #require(FliteLibrary.register(.slt))
        let wave = try #require(FliteLibrary.synthesize(text, voice: voice))
        let url = folder.appendingPathComponent("spoken.wav")
        let writer = try AudioFileWriter(url: url, format: .wav(sampleRate: wave.sampleRate))
        try writer.write([Int16](repeating: 0, count: 3200) + wave.samples + [Int16](repeating: 0, count: 3200))
        try writer.finish()
        return url.path
    }

    @Test("transcribe --understand flags an urgent caller before the end of the turn, and not a calm one")
    func understandFlagsUrgency() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-transcribe")
        defer { try? FileManager.default.removeItem(at: folder) }

        let urgent = try self.spokenFile("i can't breathe", in: folder)
        let (status, console) = self.run(["transcribe", urgent, "--context", "yesNo", "--understand", "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        let urgency = try #require(object["urgency"] as? [String: Any], "\(console.output)")
        let flagged = try #require(urgency["flaggedAtSeconds"] as? Double)
        let speechEnd = try #require(object["speechEndSeconds"] as? Double)
        // The bar: flagged no later than 200 ms after the end of the turn.
        #expect(flagged <= speechEnd + 0.2)
        #expect(object["intent"] as? String == "emergency")

        let calm = try self.spokenFile("yes please", in: folder)
        let calmRun = self.run(["transcribe", calm, "--context", "yesNo", "--understand", "--json"])
        try #require(calmRun.status == ExitStatus.success, "\(calmRun.console.errors)")
        let calmObject = try #require(
            try JSONSerialization.jsonObject(with: Data(calmRun.console.output.utf8)) as? [String: Any])
        #expect(calmObject["urgency"] is NSNull)
    }

    @Test("eval kws scores the keyword search and the embedding spotter on the same list, side by side")
    func keywordAndSpotterEvaluation() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "attendant-eval-kws")
        defer { try? FileManager.default.removeItem(at: folder) }
        let urgent = try self.spokenFile("i can't breathe", in: folder)
        try FileManager.default.moveItem(atPath: urgent, toPath: folder.appendingPathComponent("urgent.wav").path)
        _ = try self.spokenFile("yes please", in: folder)
        let list = folder.appendingPathComponent("list.tsv")
        try Data("urgent.wav\t1\nspoken.wav\t0\n".utf8).write(to: list)

        let (status, console) = self.run(["eval", "kws", list.path, "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["urgent"] as? Int == 1 && total["other"] as? Int == 1)
        let spotter = try #require(object["spotter"] as? [String: Any], "no spotter column")
        #expect(spotter["head"] as? String == "urgent")
        let spotterTotal = try #require(spotter["total"] as? [String: Any])
        #expect(spotterTotal["urgent"] as? Int == 1 && spotterTotal["other"] as? Int == 1)
        #expect((spotter["rows"] as? [Any])?.count == 2)

        let plain = self.run(["eval", "kws", list.path, "--no-spotter"])
        #expect(plain.status == ExitStatus.success)
        #expect(plain.console.output.contains("pocketsphinx keyword search"))
        #expect(!plain.console.output.contains("embedding spotter"))
        let bad = self.run(["eval", "kws", list.path, "--spotter-threshold", "2"])
        #expect(bad.status == ExitStatus.usage)
        #expect(bad.console.errors.contains("--spotter-threshold"))
    }

    @Test("word error counting and transcript normalisation")
    func scoring() {
        #expect(TranscriptText.words("Go forward, TEN meters!") == ["go", "forward", "ten", "meters"])
        #expect(TranscriptText.words("call 5 5") == ["call", "five", "five"])
        #expect(TranscriptText.errorCount(reference: ["a", "b", "c"], hypothesis: ["a", "x", "c", "d"]) == 2)
        #expect(TranscriptText.errorCount(reference: [], hypothesis: ["a"]) == 1)
        #expect(TranscriptText.errorCount(reference: ["a"], hypothesis: []) == 1)
    }
}

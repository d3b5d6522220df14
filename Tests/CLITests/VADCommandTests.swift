import Foundation
import Testing

@testable import CLI

/// `attendant vad` and `attendant eval vad` end to end with a capturing console, on one held-out corpus file and
/// on bad input.
@Suite("VAD commands")
struct VADCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpora/vad_concat")
    static let fixtures = root.appendingPathComponent("fixtures")

    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    func corpus(_ name: String) -> String { Self.corpus.appendingPathComponent(name).path }

    func scratch(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-vad-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("vad --json gives segments and the three detectors' scores side by side")
    func vadWithLabels() throws {
        let (status, console) = self.run([
            "vad", self.corpus("concat2_clean_8k.wav"), "--labels", self.corpus("concat2.lab"), "--json", "--silero",
            Self.fixtures.appendingPathComponent("vad/silero").path,
        ])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        #expect(object["sampleRate"] as? Int == 8000)
        let segments = try #require(object["segments"] as? [[Double]])
        #expect((14...20).contains(segments.count), "16 utterances, some may merge or split: \(segments.count)")
        let scores = try #require(object["scores"] as? [String: Any])
        let attendant = try #require(scores["attendant"] as? [String: Any])
        let silero = try #require(scores["silero"] as? [String: Any])
        let webRTC = try #require(scores["webrtc"] as? [[String: Any]])
        #expect(webRTC.count == 4)
        #expect((attendant["accuracy"] as? Double ?? 0) >= 0.95)
        #expect((silero["accuracy"] as? Double ?? 0) > 0.9)
    }

    @Test("vad-features prints a row per block with the label and the features, and is not listed in --help")
    func vadFeatures() throws {
        let (status, console) = self.run([
            "vad-features", self.corpus("concat1_clean_8k.wav"), "--labels", self.corpus("concat1.lab"),
        ])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let lines = console.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("label\tprobability\tspeech\tf0") == true)
        let rows = lines.dropFirst().map { $0.split(separator: "\t") }
        #expect(rows.count == 4874, "48.7 s of 10 ms blocks")
        #expect(rows.allSatisfy { $0.count == 3 + 10 })
        #expect(rows.contains { $0[0] == "1" } && rows.contains { $0[0] == "0" })
        #expect(!self.tool.help.contains("vad-features"))
    }

    @Test("vad prints a table with labels and only segments without")
    func vadText() throws {
        let (status, console) = self.run([
            "vad", self.corpus("concat2_clean_8k_alaw.wav"), "--labels", self.corpus("concat2.lab"),
        ])
        try #require(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output.contains("Attendant"))
        #expect(console.output.contains("WebRTC mode 3"))
        let (plainStatus, plain) = self.run(["vad", self.corpus("concat2_clean_8k_alaw.wav")])
        #expect(plainStatus == ExitStatus.success)
        #expect(plain.output.contains("speech segments"))
        #expect(!plain.output.contains("WebRTC"))
    }

    @Test("eval vad over a text manifest gives a row per file, a total and the endpointing table")
    func evalManifest() throws {
        let manifest = try self.scratch(
            "set.txt",
            "\(self.corpus("concat2_clean_8k.wav")) \(self.corpus("concat2.lab"))\n"
                + "\(self.corpus("concat2_clean_8k_ulaw.wav")) \(self.corpus("concat2.lab"))\n")
        let (status, console) = self.run(["eval", "vad", manifest, "--json"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 2)
        let total = try #require(object["total"] as? [String: Any])
        let endpointing = try #require(total["endpointing"] as? [String: Any])
        #expect(endpointing["splitCount"] as? Int == 0)
        #expect((endpointing["medianEndDelaySeconds"] as? Double ?? 1) <= 0.3)

        let (textStatus, text) = self.run(["eval", "vad", manifest])
        #expect(textStatus == ExitStatus.success)
        #expect(text.output.contains("total"))
        #expect(text.output.contains("end delay"))
    }

    @Test("eval needs a known sub-word")
    func evalSubword() {
        let (status, console) = self.run(["eval", "weather", "x"])
        #expect(status == ExitStatus.usage)
        #expect(console.errors.contains("one of: vad, asr, kws, spot, request, understanding"))
    }

    @Test(
        "Bad audio fails with a message naming the file and what is accepted",
        arguments: [
            ("audio/sine440_22k05_pcm16.wav", "8000 or 16000 Hz"), ("audio/sine440_44k1_stereo_pcm16.wav", "mono"),
            ("audio/bad_empty.wav", "bad_empty.wav"),
        ])
    func badAudio(name: String, expected: String) {
        let path = Self.fixtures.appendingPathComponent(name).path
        let (status, console) = self.run(["vad", path])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains(URL(fileURLWithPath: name).lastPathComponent))
        #expect(console.errors.contains(expected), "\(console.errors)")
    }

    @Test("Labels that do not fit the audio, or are malformed, fail naming the label file")
    func badLabels() throws {
        let audio = self.corpus("concat2_clean_8k.wav")
        let (status, console) = self.run(["vad", audio, "--labels", self.corpus("concat1.lab")])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("concat1.lab") && console.errors.contains("lasts"))

        let malformed = try self.scratch("bad.lab", "0\t1\tsilence\n1\tspeech\n")
        let (badStatus, bad) = self.run(["vad", audio, "--labels", malformed])
        #expect(badStatus == ExitStatus.failure)
        #expect(bad.errors.contains("bad.lab:2"))
    }

    @Test("A 10 ms-short file is refused")
    func tooShort() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-vad-\(UUID().uuidString).wav")
        // A 44-byte PCM16 WAV header at 8 kHz with 40 frames (5 ms).
        var header = Data("RIFF".utf8) + le32(36 + 80) + Data("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(1)
        header += le32(8000) + le32(16000) + le16(2) + le16(16) + Data("data".utf8) + le32(80)
        try (header + Data(count: 80)).write(to: url)
        let (status, console) = self.run(["vad", url.path])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("shorter than one 10 ms block"), "\(console.errors)")
    }
}

private func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
private func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }

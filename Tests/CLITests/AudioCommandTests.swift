import AttendantTestSupport
import Codecs
import Foundation
import Testing

@testable import CLI

/// `attendant info` and `attendant convert` on the committed fixtures, run the way a user runs them.
@Suite("Audio commands")
struct AudioCommandTests {
    static let fixtures = TestPaths.fixture("audio")

    let tool = AttendantCommandLine()
    let folder: URL

    init() throws {
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
    }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    func output(_ name: String) -> String { self.folder.appendingPathComponent(name).path }

    /// Runs the tool and returns its status and console.
    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    /// The JSON object `info --json` prints for `path`.
    func info(_ path: String, _ extra: [String] = []) throws -> [String: Any] {
        let (status, console) = self.run(["info", path, "--json"] + extra)
        try #require(status == ExitStatus.success, "\(console.errors)")
        let object = try JSONSerialization.jsonObject(with: Data(console.output.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("info describes a WAV file: format, length and level")
    func infoWAV() throws {
        let fields = try self.info(self.fixture("sine440_16k_pcm16.wav"))
        #expect(fields["container"] as? String == "WAV")
        #expect(fields["encoding"] as? String == "16-bit PCM")
        #expect(fields["sampleRate"] as? Int == 16000)
        #expect(fields["channelCount"] as? Int == 1)
        #expect(fields["frameCount"] as? Int == 8000)
        // A sine at amplitude 0.5: peak −6.0 dBFS, RMS −9.0 dBFS.
        #expect(abs((fields["peakDBFS"] as? Double ?? 0) + 6.0) <= 0.1)
        #expect(abs((fields["rmsDBFS"] as? Double ?? 0) + 9.0) <= 0.1)
    }

    @Test("info reads headerless PCM only when told its rate")
    func infoRaw() throws {
        let raw = self.fixture("sine440_16k_pcm16le.raw")
        let (status, console) = self.run(["info", raw])
        #expect(status == ExitStatus.usage)
        #expect(console.errors.contains("give its rate with --rate"))
        let fields = try self.info(raw, ["--rate", "16000"])
        #expect(fields["frameCount"] as? Int == 8000)
    }

    @Test(
        "info on a bad file fails with a message naming the file",
        arguments: ["bad_empty.wav", "bad_text.wav", "bad_truncated_header.wav", "no_such_file.wav"])
    func infoBadFile(name: String) {
        let (status, console) = self.run(["info", self.fixture(name)])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains(name))
    }

    @Test("WAV to µ-law uses Attendant's G.711 encoder and comes back at 8 kHz at the same level")
    func convertThroughG711() throws {
        let ulaw = self.output("line.ulaw")
        let (status, console) = self.run(["convert", self.fixture("sine440_16k_pcm16.wav"), ulaw])
        try #require(status == ExitStatus.success, "\(console.errors)")
        let codes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ulaw)))
        #expect(codes.count == 4000)

        // The bytes are exactly what G711.encode makes of the converted 8 kHz samples.
        let pcmPath = self.output("line8k.raw")
        #expect(self.run(["convert", self.fixture("sine440_16k_pcm16.wav"), pcmPath, "--rate", "8000"]).status == 0)
        let pcm = try AudioFileReader(contentsOf: URL(fileURLWithPath: pcmPath), rawFormat: .raw(sampleRate: 8000))
            .readAllInt16()
        let expected = pcm.map { G711.encode($0, law: .muLaw) }
        #expect(codes == expected)

        let back = self.output("back.wav")
        #expect(self.run(["convert", ulaw, back]).status == ExitStatus.success)
        let fields = try self.info(back)
        #expect(fields["sampleRate"] as? Int == 8000)
        #expect(abs((fields["rmsDBFS"] as? Double ?? 0) + 9.0) <= 0.3)
    }

    @Test("WAV to an Opus packet file and back keeps length and level")
    func convertThroughOpus() throws {
        let packets = self.output("speech.opkt")
        let (status, console) = self.run([
            "convert", self.fixture("sine440_44k1_stereo_pcm16.wav"), packets, "--bitrate", "32000", "--fec",
        ])
        try #require(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output.contains("Opus packet file, 16000 Hz"))

        let packetInfo = try self.info(packets)
        #expect(packetInfo["container"] as? String == "Opus packet file")
        #expect(packetInfo["sampleRate"] as? Int == 16000)
        #expect(packetInfo["lostPacketCount"] as? Int == 0)

        let back = self.output("back.wav")
        #expect(self.run(["convert", packets, back]).status == ExitStatus.success)
        let fields = try self.info(back)
        let sourceFields = try self.info(self.fixture("sine440_44k1_stereo_pcm16.wav"))
        let sourceSeconds = try #require(sourceFields["durationSeconds"] as? Double)
        let seconds = try #require(fields["durationSeconds"] as? Double)
        // Whole 20 ms packets: at most one packet longer than the source, never shorter than the source less
        // the encoder's lookahead.
        #expect(seconds >= sourceSeconds - 0.01 && seconds <= sourceSeconds + 0.02)
        let sourceLevel = try #require(sourceFields["rmsDBFS"] as? Double)
        #expect(abs((fields["rmsDBFS"] as? Double ?? 0) - sourceLevel) <= 1.5)
    }

    @Test("convert changes rate, channel count and encoding of a WAV")
    func convertWAV() throws {
        let out = self.output("mono8k.wav")
        #expect(
            self.run([
                "convert", self.fixture("sine440_44k1_stereo_pcm16.wav"), out, "--rate", "8000", "--channels", "1",
                "--encoding", "float32",
            ]).status == ExitStatus.success)
        let fields = try self.info(out)
        #expect(fields["sampleRate"] as? Int == 8000)
        #expect(fields["channelCount"] as? Int == 1)
        #expect(fields["encoding"] as? String == "32-bit float")
    }

    @Test(
        "convert refuses what it cannot write, as a usage error",
        arguments: [
            (["out.mp3"], "cannot tell the format"),
            (["out.ulaw", "--channels", "2"], "G.711 output is mono"),
            (["out.opkt", "--rate", "44100"], "Opus runs at"),
            (["out.wav", "--encoding", "mp3"], "--encoding must be one of"),
        ])
    func convertRefuses(arguments: [String], message: String) {
        let (status, console) = self.run(
            ["convert", self.fixture("sine440_16k_pcm16.wav"), self.output(arguments[0])] + arguments.dropFirst())
        #expect(status == ExitStatus.usage)
        #expect(console.errors.contains(message))
    }

    @Test("a failed conversion leaves no output file behind")
    func convertFailureWritesNothing() throws {
        let out = self.output("never.wav")
        let (status, console) = self.run(["convert", self.fixture("bad_text.wav"), out])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("bad_text.wav"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: self.folder.path).isEmpty)
    }

    @Test("a malformed Opus packet file is refused with its name")
    func malformedPacketFile() throws {
        let path = self.output("broken.opkt")
        try Data(OpusPacketFile.magic + [1, 0, 24]).write(to: URL(fileURLWithPath: path))
        let (status, console) = self.run(["info", path])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("broken.opkt"))
    }
}

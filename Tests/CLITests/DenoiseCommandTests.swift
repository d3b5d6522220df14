import Codecs
import Foundation
import Testing

@testable import CLI

/// `attendant denoise` run the way a user runs it, on a real noisy recording from the shared corpora.
@Suite("Denoise command")
struct DenoiseCommandTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpora = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    static let fixtures = packageRoot.appendingPathComponent("fixtures/audio")

    let folder: URL

    init() throws {
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-denoise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (AttendantCommandLine().run(arguments, console: console), console)
    }

    /// Power of the first second, in dB: digital silence plus tap noise in the input.
    func leadingNoiseDB(_ samples: [Float], sampleRate: Int) -> Double {
        let head = samples[sampleRate / 2..<sampleRate]
        return 10 * log10(head.map { Double($0) * Double($0) }.reduce(0, +) / Double(head.count))
    }

    @Test("denoise writes a 16 kHz WAV of the same length with the tap noise lowered", arguments: ["line", "headset"])
    func denoiseNoisyFile(profile: String) throws {
        let input = Self.corpora.appendingPathComponent("vad_concat/concat1_tap_snr5_16k.wav")
        let output = self.folder.appendingPathComponent("out.wav")
        let (status, console) = self.run(["denoise", input.path, output.path, "--profile", profile, "--level", "high"])
        try #require(status == ExitStatus.success, "\(console.errors)")
        #expect(console.output.contains("16000 Hz mono"))
        #expect(console.output.contains("profile \(profile)"))

        let before = try AudioFileReader(contentsOf: input).readAll()
        let after = try AudioFileReader(contentsOf: output).readAll()
        #expect(after.count == before.count / 160 * 160)
        // The noise-only lead-in drops by the suppressor's work (measured 12 to 15 dB at 'high' after the first
        // half second); 6 dB fails if nothing was suppressed.
        #expect(self.leadingNoiseDB(after, sampleRate: 16000) <= self.leadingNoiseDB(before, sampleRate: 16000) - 6)
    }

    @Test("an 8 kHz input stays at 8 kHz")
    func keepsNarrowband() throws {
        let input = Self.corpora.appendingPathComponent("vad_concat/concat1_clean_8k.wav")
        let output = self.folder.appendingPathComponent("out8k.wav")
        let (status, console) = self.run(["denoise", input.path, output.path])
        try #require(status == ExitStatus.success, "\(console.errors)")
        #expect(try AudioFileReader(contentsOf: output).fileDescription.format.sampleRate == 8000)
    }

    @Test(
        "denoise refuses bad arguments as usage errors",
        arguments: [
            (["out.mp3"], "must be a .wav file"),
            (["out.wav", "--profile", "speaker"], "--profile must be one of line, headset"),
            (["out.wav", "--level", "max"], "--level must be one of"),
            (["out.wav", "--reference", "far.wav"], "use it with --profile headset"),
        ])
    func refusesArguments(arguments: [String], message: String) {
        let input = Self.fixtures.appendingPathComponent("sine440_16k_pcm16.wav").path
        let (status, console) = self.run(
            ["denoise", input, self.folder.appendingPathComponent(arguments[0]).path] + arguments.dropFirst())
        #expect(status == ExitStatus.usage)
        #expect(console.errors.contains(message), "\(console.errors)")
    }

    @Test("a broken input fails with its name and leaves no output", arguments: ["bad_text.wav", "no_such_file.wav"])
    func refusesBadFile(name: String) throws {
        let output = self.folder.appendingPathComponent("never.wav")
        let (status, console) = self.run(["denoise", Self.fixtures.appendingPathComponent(name).path, output.path])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains(name))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

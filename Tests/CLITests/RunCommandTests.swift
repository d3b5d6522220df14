import AttendantTestSupport
import Call
import Foundation
import Testing

@testable import CLI

/// `attendant run`, `attendant devices` and the desk view, without a sound card.
@Suite("Run and devices commands") struct RunCommandTests {
    let tool = AttendantCommandLine()

    func run(_ arguments: [String]) -> (status: Int32, console: Console) {
        let console = Console.capturing()
        return (self.tool.run(arguments, console: console), console)
    }

    @Test("A device that does not exist is named with ALSA's error, and the devices that do are listed")
    func missingDeviceIsNamed() throws {
        let database = try TestPaths.makeScratchDirectory(label: "run-missing").appendingPathComponent("s.sqlite")
        let (status, console) = self.run([
            "run", "--capture", "attendant_no_such_pcm", "--playback", "null", "--db", database.path, "--no-view",
        ])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains("attendant_no_such_pcm"), "\(console.errors)")
        #expect(console.errors.contains("null"), "the device list: \(console.errors)")
    }

    @Test("Half a file pair, or a device with a file, is a usage error")
    func filesGoTogether() {
        #expect(self.run(["run", "--capture-file", "in.wav"]).status == ExitStatus.usage)
        #expect(
            self.run(["run", "--capture-file", "in.wav", "--playback-file", "out.wav", "--capture", "default"]).status
                == ExitStatus.usage)
        #expect(self.run(["run", "--period", "15"]).status == ExitStatus.usage)
    }

    @Test("A capture file that is not audio is refused naming the file")
    func brokenCaptureIsRefused() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "run-broken")
        let input = folder.appendingPathComponent("in.wav")
        try "not a wav file".write(to: input, atomically: true, encoding: .utf8)
        let (status, console) = self.run([
            "run", "--capture-file", input.path, "--playback-file", folder.appendingPathComponent("out.wav").path,
            "--db", folder.appendingPathComponent("s.sqlite").path, "--no-view",
        ])
        #expect(status == ExitStatus.failure)
        #expect(console.errors.contains(input.path), "\(console.errors)")
    }

    @Test("attendant devices lists ALSA's null PCM")
    func devicesListsNull() {
        let (status, console) = self.run(["devices"])
        #expect(status == ExitStatus.success)
        #expect(console.output.split(separator: "\n").contains { $0.hasPrefix("null ") })
    }

    @Test("The live view shows the line, both meters, the counters, the call and the keys")
    func viewShowsTheLine() {
        let status = DeskStatus(
            mode: .inCall, inputLevel: -20, outputLevel: -100, isSpeech: true, captureXruns: 1, playbackXruns: 2,
            reopenCount: 0, longestBlockMilliseconds: 1.5, meanBlockMilliseconds: 0.4, seconds: 3_723,
            call: DeskCallStatus(
                id: "desk-1", heard: "my chest hurts", said: "If this is an emergency, hang up and call 911 now.",
                intent: "emergency", isUrgent: true, awaiting: nil, isInTurn: true),
            finishedCalls: [], lastProblem: nil)
        let screen = DeskView.screen(status, idleCPUPercent: 0.8)
        #expect(screen.hasPrefix("\u{1B}[H\u{1B}[2J"))
        for text in [
            "01:02:03", "in call", "speech", "capture 1, playback 2", "my chest hurts", "URGENT", "[t] take over",
            "idle CPU 0.8 %",
        ] {
            #expect(screen.contains(text), "\(text) in \(screen)")
        }
        // -20 dBFS fills two thirds of the meter; silence none of it.
        #expect(screen.contains("[" + String(repeating: "#", count: 26) + String(repeating: " ", count: 14) + "]"))
        #expect(screen.contains("[" + String(repeating: " ", count: 40) + "]"))
        #expect(DeskView.logLine("caller", [("text", "hello there")]) == "event=caller text=\"hello there\"")
    }
}

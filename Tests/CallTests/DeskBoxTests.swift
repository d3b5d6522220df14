import AttendantTestSupport
import Devices
import Foundation
import Practice
import Recognition
import Testing

@testable import Call

/// The desk box through ALSA's file PCMs: the real device path, paced by the clock, with no sound card.
@Suite("Desk box", .serialized) struct DeskBoxTests {
    /// A desk run of `capture` (16 kHz) into a scratch folder; returns the report and what the agent played.
    static func run(
        capture: [Float], script: DeskScript? = nil, label: String, during: (DeskBox) -> Void = { _ in }
    ) throws -> (report: DeskReport, playback: [Float]) {
        let folder = try TestPaths.makeScratchDirectory(label: label)
        let input = folder.appendingPathComponent("capture.wav")
        let output = folder.appendingPathComponent("playback.wav")
        try ReplayAudio.write([capture], to: input)
        var configuration = DeskConfiguration(storePath: folder.appendingPathComponent("schedule.sqlite").path)
        configuration.capture = .file(input)
        configuration.playback = .file(output)
        configuration.clockStart = script?.clockStart.instant(in: configuration.practice)
        let box = try DeskBox(configuration: configuration)
        if let script { try box.seed(script) }
        try box.start()
        during(box)
        let report = try box.wait()
        return (report, try ReplayAudio.read(output))
    }

    @Test("A scripted call through the file PCMs: the greeting is in the playback file, heard by the recognizer")
    func greetingIsPlayed() throws {
        let scenario = try ScenarioCorpusTests.scenario("hours-today")
        var configuration = ReplayConfiguration()
        configuration.promptCache = CallReplayTests.cache
        configuration.callerReaction = DeskScript.callerReaction
        let script = try DeskScript.make(
            [scenario], clockStart: LocalDateTime("2026-12-07T09:00")!, configuration: configuration)
        try #require(script.calls.count == 1, "\(script.skipped)")
        let (report, playback) = try Self.run(capture: script.samples, script: script, label: "desk-greeting")

        let scores = script.score(report, practice: configuration.practice)
        #expect(scores.map(\.mismatches) == [[]], "\(report.calls.map(\.turns))")
        #expect(report.captureXruns + report.playbackXruns == 0)
        // The agent's first words, from the answer on, as the recognizer hears them.
        let answer = Int(script.calls[0].answerSeconds * 16_000)
        let greeting = Array(playback[answer..<min(playback.count, answer + 16_000 * 5)])
        var pcm = [Int16](repeating: 0, count: greeting.count)
        for index in greeting.indices { pcm[index] = Int16(max(-32768, min(32767, greeting[index] * 32768))) }
        let heard = try Recognizer(context: .open).recognize(pcm).text
        #expect(heard.contains("practice") || heard.contains("calling"), "heard: \(heard)")
        // Nothing before the line answered.
        #expect(playback[..<max(0, answer - 320)].allSatisfy { $0 == 0 })
    }

    @Test("Forced underruns are recovered and counted; a device that goes away is reopened, losing only its period")
    func recoversFromFaults() throws {
        let seconds = 5
        let (report, playback) = try Self.run(
            capture: [Float](repeating: 0, count: 16_000 * seconds), label: "desk-faults"
        ) { box in
            Thread.sleep(forTimeInterval: 1)
            box.injectFault(-EPIPE, on: .playback)
            Thread.sleep(forTimeInterval: 1)
            box.injectFault(-ENODEV, on: .playback)
        }
        #expect(report.playbackXruns == 1)
        #expect(report.reopenCount == 1)
        #expect(report.lostBlockCount == 0)
        // The capture resumed where it stopped: every block was heard.
        #expect(Int(report.seconds * 100) == seconds * 100)
        // Played: every block, the two silent periods each opening writes, less the period whose write failed.
        let blocks = playback.count / 160
        #expect(
            (seconds * 100 + 2 * DuplexLoop.prefillPeriodCount - 1...seconds * 100 + 2 * DuplexLoop.prefillPeriodCount)
                .contains(blocks), "\(blocks) blocks; \(report)")
    }

    @Test("Taking a call over silences the agent from the very next block, and the call ends as handled by staff")
    func takeOverMutesWithinOneBlock() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "desk-take-over")
        var configuration = ReplayConfiguration()
        configuration.promptCache = CallReplayTests.cache
        let store = try ScheduleStore(
            path: folder.appendingPathComponent("s.sqlite").path, practice: configuration.practice)
        let call = try LiveCall(
            settings: configuration.call, store: store, callID: "take-over", callerNumber: nil, start: Date())
        call.line.enqueue(
            .init(key: "test", text: "test", isFixed: false), samples: [Float](repeating: 0.1, count: 16_000))
        let silence = [Float](repeating: 0, count: 160)
        var playback = [Float](repeating: 0, count: 160)
        func block() -> Float {
            silence.withUnsafeBufferPointer { capture in
                playback.withUnsafeMutableBufferPointer { call.audio.process(capture: capture, playback: $0) }
            }
            return playback.map(abs).max() ?? 0
        }
        #expect(block() > 0.05)
        #expect(block() > 0.05)
        call.takeOver()
        #expect(block() == 0)
        #expect(block() == 0)
        call.session.takeOver(at: call.line.sampleTime)
        #expect(call.session.outcome == "transferred")
        #expect(call.session.actionLog.contains("taken over by staff"))
    }
}

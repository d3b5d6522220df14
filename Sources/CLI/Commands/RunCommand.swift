import Call
import Devices
import Foundation
import Practice
import Voice

#if canImport(Glibc)
    import Glibc
#endif

/// `attendant run`: the desk box, answering a phone line through ALSA in real time.
struct RunCommand: Command {
    let name = "run"
    let summary = "Answer the phone line live through ALSA (or ALSA file PCMs), with a live view and staff take-over"
    let usage = """
        Usage: attendant run [--capture DEVICE] [--playback DEVICE] [--capture-file IN.wav --playback-file OUT.wav]
                             [--practice FILE] [--db FILE] [--profile headset|line] [--period 10|20]
                             [--script FILE] [--out DIR] [--json] [--no-view] [--inject-xrun SECONDS]
                             [--inject-loss SECONDS]

        Opens ALSA capture and playback (16-bit mono, the rate nearest 16 kHz, resampled when it differs) and answers
        the line call after call: a call starts when the caller's first words end (or on [a]), and ends when the
        dialogue ends it, on a dial or busy tone, or at five minutes. Every call is recorded in the schedule like any
        other (attendant report shows them). Overruns and underruns are recovered and counted; a device that goes
        away is opened again with backoff.

        On a terminal a live view shows the levels, voice activity, what the caller said, the intent and urgency,
        the dialogue's question and the xrun counters. Keys: t take over (the agent goes silent at once and the call
        is marked handled by staff; no call is answered until r), r resume, a answer now, q quit. Without a terminal
        (or with --no-view) it logs one key=value line per event instead.

        Options:
          --capture DEVICE, --playback DEVICE
                           ALSA PCMs (attendant devices lists them); default "default".
          --capture-file IN.wav, --playback-file OUT.wav
                           Run through ALSA's file plugin over a null device instead of a sound card: the capture
                           WAV (any rate, converted to 16 kHz) is played in real time, and the agent's audio written
                           to OUT.wav. The run ends when IN.wav does.
          --practice FILE  The practice configuration (default: the built-in Riverside Family Practice).
          --db FILE        The schedule database (default attendant.sqlite; with --script, a fresh one per run).
          --profile P      line (the default: barge-in cancels the agent's echo on its own) or headset
                           (webrtc's echo canceller also removes it from what the recognizer hears, the playback
                           as its reference; measured worse on the demo over an echo, see the README).
          --period MS      The ALSA period, 10 or 20 ms (default 10).
          --script FILE    A desk script (attendant desk-script): the practice clock and patients of its calls, and
                           each call scored against its scenario at the end.
          --out DIR        Writes each call's transcript and actions to DIR/<n>-<call id>.txt.
          --json           The end-of-run report as JSON.
          --inject-xrun S  Force an underrun S seconds into the run (recovered; for testing recovery).
          --inject-loss S  Make the playback device go away S seconds into the run (reopened).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "no-view"],
            options: [
                "capture", "playback", "capture-file", "playback-file", "practice", "db", "profile", "period",
                "script", "out", "inject-xrun", "inject-loss",
            ])
        try parsed.expectPositionalCount(atMost: 0)
        let script = try parsed.options["script"].map { try DeskScript(contentsOf: URL(fileURLWithPath: $0)) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database: String
        if let path = parsed.options["db"] {
            database = path
        } else if script != nil {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            database = scratch.appendingPathComponent("schedule.sqlite").path
        } else {
            database = ScheduleCommand.defaultDatabasePath
        }
        var configuration = DeskConfiguration(storePath: database)
        if let practicePath = parsed.options["practice"] {
            configuration.practice = try PracticeConfiguration(contentsOf: URL(fileURLWithPath: practicePath))
        }
        if let profile = try parsed.choice("profile", from: ["headset", "line"]) {
            configuration.profile = VoiceProcessingProfile(rawValue: profile)!
        }
        if let period = try parsed.choice("period", from: ["10", "20"]) {
            configuration.periodMilliseconds = Int(period)!
        }
        switch (parsed.options["capture-file"], parsed.options["playback-file"]) {
        case (let capture?, let playback?):
            guard parsed.options["capture"] == nil, parsed.options["playback"] == nil else {
                throw UsageError("--capture-file and --playback-file replace --capture and --playback")
            }
            configuration.capture = .file(URL(fileURLWithPath: capture))
            configuration.playback = .file(URL(fileURLWithPath: playback))
        case (nil, nil):
            configuration.capture = .device(parsed.options["capture"] ?? "default")
            configuration.playback = .device(parsed.options["playback"] ?? "default")
        default:
            throw UsageError("--capture-file and --playback-file go together")
        }
        if let script {
            configuration.clockStart = script.clockStart.instant(in: configuration.practice)
        }
        let injections = try [("inject-xrun", -EPIPE), ("inject-loss", -ENODEV)].compactMap {
            (option, code) throws -> (seconds: Double, code: Int32)? in
            guard let text = parsed.options[option] else { return nil }
            guard let seconds = Double(text), seconds >= 0 else { throw UsageError("--\(option) takes seconds") }
            return (seconds, code)
        }

        let box = try DeskBox(configuration: configuration)
        if let script { try box.seed(script) }
        do {
            try box.start()
        } catch {
            console.printError("attendant run: \(error)")
            console.printError("ALSA devices on this machine (attendant devices):\n" + DevicesCommand.listing())
            return ExitStatus.failure
        }
        let watch = DeskWatch(box: box, console: console, isViewing: !parsed.has("no-view"), injections: injections)
        watch.run()
        let report = try box.wait()
        let scores = script.map { $0.score(report, practice: configuration.practice) }
        if let out = parsed.options["out"] {
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (index, call) in report.calls.enumerated() {
                try (ReplayReport.text(call) + "\n").write(
                    to: folder.appendingPathComponent("\(index + 1)-\(call.id).txt"), atomically: true, encoding: .utf8)
            }
        }
        console.print(
            parsed.has("json")
                ? DeskReportText.json(report, scores: scores, idleCPUPercent: watch.idleCPUPercent)
                : DeskReportText.text(report, scores: scores, idleCPUPercent: watch.idleCPUPercent))
        // Every xrun counted was recovered (one that cannot be ends the run with an error instead).
        return scores?.allSatisfy { $0.mismatches.isEmpty } ?? true ? ExitStatus.success : ExitStatus.failure
    }
}

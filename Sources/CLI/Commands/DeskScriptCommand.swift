import Call
import Foundation
import Practice

/// `attendant desk-script`: scripted calls laid end to end as one capture WAV for `attendant run --capture-file`.
struct DeskScriptCommand: Command {
    let name = "desk-script"
    let summary = "Lay scripted calls end to end as a capture file for attendant run, with a script to score it"
    let usage = """
        Usage: attendant desk-script <scenario.json|folder>... --out DIR [--minutes N] [--clock YYYY-MM-DDTHH:MM]
                                     [--practice FILE]

        Replays each scenario (in the order given; a folder's in name order) on the virtual clock as the desk line will answer it: no caller
        number, the practice's clock where the call falls in the stream. The caller's side of each call, after a
        "hello?" the line answers on and followed by a busy tone where the caller hangs up, goes into one
        16 kHz capture stream. Scenarios whose replay does not pass, or that need an echo path, are left out and
        listed; each replay's transcript goes to DIR/replays/<id>.txt. The callers answer 1 s after the agent stops (0.4 s in attendant replay), so that a live run whose
        agent starts a little later than the replay's does not find them already talking. Writes DIR/capture.wav and DIR/script.json, for
          attendant run --capture-file DIR/capture.wav --playback-file OUT.wav --script DIR/script.json

        Options:
          --out DIR        Where to write (required).
          --minutes N      Stop adding calls once the stream is N minutes long (default: every scenario).
          --clock TIME     The practice's clock at the start of the stream (default 2026-12-07T09:00, a Monday).
          --practice FILE  The practice configuration (default: the built-in Riverside Family Practice).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: [], options: ["out", "minutes", "clock", "practice"])
        _ = try parsed.positional(0, named: "scenario.json|folder")
        guard let out = parsed.options["out"] else { throw UsageError("desk-script needs --out DIR") }
        var configuration = ReplayConfiguration()
        configuration.callerReaction = DeskScript.callerReaction
        if let practicePath = parsed.options["practice"] {
            configuration.practice = try PracticeConfiguration(contentsOf: URL(fileURLWithPath: practicePath))
        }
        let clockText = parsed.options["clock"] ?? "2026-12-07T09:00"
        guard let clock = LocalDateTime(clockText) else {
            throw UsageError("--clock takes YYYY-MM-DDTHH:MM, not \(clockText)")
        }
        var minutes = Double.infinity
        if let text = parsed.options["minutes"] {
            guard let value = Double(text), value > 0 else { throw UsageError("--minutes takes a positive number") }
            minutes = value
        }
        let files = try parsed.positionals.flatMap { try ReplayCommand.scenarioFiles($0) }
        let scenarios = try files.map { try Scenario(contentsOf: $0) }
        let script = try DeskScript.make(
            scenarios, clockStart: clock, configuration: configuration, maximumSeconds: minutes * 60)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try script.write(to: folder, scenarioFiles: Dictionary(uniqueKeysWithValues: zip(scenarios.map(\.id), files)))
        let replays = folder.appendingPathComponent("replays")
        try FileManager.default.createDirectory(at: replays, withIntermediateDirectories: true)
        for call in script.calls {
            console.print(String(format: "%8.2f s  %@", call.answerSeconds, call.scenario.id))
            if let replay = call.replay {
                try (ReplayReport.text(replay) + "\n").write(
                    to: replays.appendingPathComponent("\(call.scenario.id).txt"), atomically: true, encoding: .utf8)
            }
        }
        for skipped in script.skipped { console.print("skipped   \(skipped.id): \(skipped.reason)") }
        console.print(
            String(
                format: "%d calls, %.1f minutes, in %@", script.calls.count,
                Double(script.samples.count) / 16_000 / 60, folder.path))
        return ExitStatus.success
    }
}

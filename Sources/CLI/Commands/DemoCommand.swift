import Call
import Foundation

/// `attendant demo`: one built-in call on the default practice, end to end.
struct DemoCommand: Command {
    let name = "demo"
    let summary = "Play one built-in call to the default practice end to end and print the conversation"
    let usage = """
        Usage: attendant demo [--real-time] [--out DIR] [--json]

        A caller (a flite voice other than the agent's) rings Riverside Family Practice, the built-in default, on
        Monday 7 December 2026 at 09:00 and books Dr. Patel for Tuesday morning. The call runs through the whole
        pipeline as `attendant replay` runs a scenario: front end, recognition, understanding, dialogue, a fresh
        schedule, and synthesized prompts. Prints the conversation, the outcome, the turn latencies and where the
        agent's audio was written. Exit status 0 when the call reached its expected outcome.

        Options:
          --real-time  Pace the call by the wall clock (about 35 s) instead of running it as fast as it can.
          --out DIR    Where to write agent.wav, call.wav (caller left, agent right) and transcript.txt
                       (default: attendant-demo in the system's temporary folder).
          --json       The call as one JSON object, as `attendant replay --json` prints it.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["real-time", "json"], options: ["out"])
        try parsed.expectPositionalCount(atMost: 0)
        let output = URL(
            fileURLWithPath: parsed.options["out"]
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("attendant-demo").path)
        let callerFolder = output.appendingPathComponent("caller")
        try FileManager.default.createDirectory(at: callerFolder, withIntermediateDirectories: true)

        let scenario = try DemoScenario.make(in: callerFolder)
        var configuration = ReplayConfiguration()
        configuration.isRealTime = parsed.has("real-time")
        configuration.outputFolder = output
        if !parsed.has("json") {
            console.print(
                "Calling \(configuration.practice.name) as a scripted caller (\(scenario.description ?? ""))…")
        }
        let result = try CallReplay(scenario: scenario, configuration: configuration).run()
        console.print(parsed.has("json") ? ReplayReport.json(result) : ReplayReport.text(result))
        return result.hasPassed ? ExitStatus.success : ExitStatus.failure
    }
}

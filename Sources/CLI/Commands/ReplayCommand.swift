import Call
import Foundation
import Practice

/// `attendant replay <scenario.json|folder>`: scripted calls through the whole pipeline, scored.
struct ReplayCommand: Command {
    let name = "replay"
    let summary = "Replay scripted calls through the whole pipeline and check each reached its expected outcome"
    let usage = """
        Usage: attendant replay <scenario.json|folder> [--fast] [--json] [--out DIR] [--practice FILE]
                                [--recognizer-input noiseSuppressed|highPass] [--no-spotter] [--no-request-head]
                                [--request-fusion fusion|fusion+] [--line pcm|pcmu|pcma|opus] [--loss PERCENT]

        Runs each scripted call (a scenario JSON file; a folder runs every *.json in it, in name order) through the
        full audio pipeline: the caller's recordings through the front end (voice activity, endpointing, barge-in,
        the urgent spotter), each turn's noise filtering and recognition in the context of its question,
        understanding, the dialogue, a fresh
        copy of the practice's schedule, and the agent's synthesized prompts, which the caller answers and may talk
        over. Prints per call: id, intent, urgent, outcome, transferred, the appointment, every turn with its
        speaker and text, the turn latencies (end of the caller's speech to the agent's first audio), and whether
        it passed against the scenario's `expect`; a summary table ends the run. The format of a scenario is in
        scenarios/README.md.

        A scenario that cannot be read or run (broken JSON, a missing recording, an appointment the practice has no
        slot for) is reported with its file and reason and counts as failed; the others still run. Exit status 0
        only when every call passed; 1 when one did not; 64 for a usage error.

        Options:
          --fast           A virtual clock: blocks run as fast as they can (the time spent working out each answer
                           still delays the agent's audio). Without it each 10 ms block waits for its 10 ms.
          --json           One JSON object per call, one per line, then a summary object.
          --out DIR        Writes DIR/<id>/agent.wav (the agent), call.wav (caller left, agent right) and
                           transcript.txt.
          --practice FILE  The practice configuration (default: the built-in Riverside Family Practice).
          --recognizer-input MODE
                           What the recognizer hears: noiseSuppressed (webrtc's high-pass filter and noise
                           suppressor; the default) or highPass (the filter alone). See the README.
          --no-spotter     Urgency from the recognizer's text alone: the embedding spotter does not listen.
          --no-request-head  The opening request from the recognizer alone: the request head does not fill in.
          --request-fusion RULE
                           When the request head fills in for the opening, as `attendant eval request` names the
                           rules: fusion+ (the default, a call's rule) for a rejected hypothesis or an accepted one,
                           either asking for nothing; fusion for a rejected one only.
          --line CODEC     What the phone line carries, both ways: pcm (16 kHz linear, the recordings as they
                           are; the default), pcmu or pcma (G.711 at 8 kHz), opus (16 kHz, 20 ms packets). The
                           caller's voice is encoded and decoded block by block; the agent's prompts are cached
                           encoded for the line and decoded, so its echo is the coded voice too.
          --loss PERCENT   On a coded line, 20 ms packets of the caller's voice lost at random (a pattern fixed
                           per scenario) and concealed: Opus by its decoder, G.711 by repeating the last packet
                           at half level, then silence.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["fast", "json", "no-spotter", "no-request-head"],
            options: ["out", "practice", "recognizer-input", "line", "loss", "request-fusion"])
        let path = try parsed.positional(0, named: "scenario.json|folder")
        try parsed.expectPositionalCount(atMost: 1)
        var configuration = ReplayConfiguration()
        configuration.isRealTime = !parsed.has("fast")
        if let input = try parsed.choice("recognizer-input", from: RecognizerInput.allCases.map(\.rawValue)) {
            configuration.recognizerInput = RecognizerInput(rawValue: input)!
        }
        configuration.isSpotting = !parsed.has("no-spotter")
        configuration.isReadingRequests = !parsed.has("no-request-head")
        if let rule = try parsed.choice("request-fusion", from: ["fusion", "fusion+"]) {
            configuration.isFillingInAcceptedRequests = rule == "fusion+"
        }
        if let line = try parsed.choice("line", from: LineCodec.allCases.map(\.rawValue)) {
            configuration.line = LineCodec(rawValue: line)!
        }
        if let loss = parsed.options["loss"] {
            guard let percentage = Double(loss), (0...100).contains(percentage) else {
                throw UsageError("--loss takes a percentage from 0 to 100, not \(loss)")
            }
            configuration.linePacketLossPercentage = percentage
        }
        configuration.outputFolder = parsed.options["out"].map { URL(fileURLWithPath: $0) }
        if let practicePath = parsed.options["practice"] {
            configuration.practice = try PracticeConfiguration(contentsOf: URL(fileURLWithPath: practicePath))
        }

        let files = try Self.scenarioFiles(path)
        var results: [ReplayResult] = []
        var errors: [(file: String, reason: String)] = []
        for file in files {
            // A scenario that cannot be read or run is reported and counted as failed; the others still run.
            do {
                let scenario = try Scenario(contentsOf: file)
                let result = try CallReplay(scenario: scenario, configuration: configuration).run()
                results.append(result)
                console.print(parsed.has("json") ? ReplayReport.json(result) : ReplayReport.text(result))
            } catch {
                errors.append((file.path, "\(error)"))
                console.printError("attendant replay: \(error)")
            }
        }
        if parsed.has("json") {
            console.print(ReplayReport.summaryJSON(results, errors: errors))
        } else {
            console.print(ReplayReport.summaryTable(results, errors: errors))
        }
        return errors.isEmpty && results.allSatisfy(\.hasPassed) ? ExitStatus.success : ExitStatus.failure
    }

    /// The scenario files `path` names: itself, or a folder's `*.json` in name order.
    ///
    /// - Throws: `UsageError` when the path does not exist or the folder has no scenario.
    static func scenarioFiles(_ path: String) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UsageError("\(path) does not exist")
        }
        guard isFolder.boolValue else { return [URL(fileURLWithPath: path)] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw UsageError("\(path) has no scenario (*.json) in it") }
        return names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
    }
}

import AudioCore
import Call
import Foundation
import Practice

#if canImport(Glibc)
    import Glibc
#endif

/// `attendant bench`: many synthetic calls at once through the real engine on the real clock, measured and scored.
struct BenchCommand: Command {
    let name = "bench"
    let summary = "Run many synthetic packet calls at once through the engine and report CPU, latency, memory, outcomes"
    let usage = """
        Usage: attendant bench [SCENARIO.json|FOLDER]... [--calls N] [--seconds S] [--codec opus|pcmu|pcma]
                               [--loss PERCENT] [--jitter MS] [--workers N] [--recognizers N] [--svg FILE] [--json]
                               [--qualify] [--outcomes-only]
               attendant bench --find-capacity [--calls START] [--step N] [--seconds S] [same options]

        Runs N synthetic callers at once, each a scripted caller from the scenario corpus on a packet phone: its
        voice is encoded as the codec in 20 ms packets, sent over a simulated network (a base delay of 20 ms, up
        to --jitter more, so packets may arrive out of order, and --loss percent lost), and received by the engine's
        jitter buffer, which conceals what is missing. The callers start staggered over the first quarter of the run
        (at most 30 s); each call that ends is scored against its scenario and replaced by a caller with the next
        scenario. The engine runs the calls' audio on a pool of workers (one block per call every 10 ms, late blocks
        counted) and their call sides (recognition from a shared pool of recognizers, the dialogue, a fresh schedule
        per call, synthesis) on a second pool.

        Prints: calls started, ended and passed; CPU cores used (process CPU time over wall time, and apart from
        the synthetic callers' own thread); blocks and late blocks; packets sent, lost and concealed; turn latency
        p50/p95/p99 (end of the caller's speech to the agent's first audio, the network and jitter buffer
        included); barge-in stop p50/p99; resident memory before, at its peak and per call; recognizers made. Calls
        still going when the run ends are counted but not scored. Exit status 0 when every ended call passed, no
        recognizer stayed lent and no block was late, 1 otherwise, 64 for a usage error.

        With --find-capacity it runs the bench again and again, START calls at first (default 50) and N more each time
        (default 25), until a block is late or the p99 turn latency passes 600 ms, and prints a row per run and the
        largest number of calls that held; exit status 0 when any did.

        The scenarios are the files and folders given, taken in turn; without any, scenarios/ when it exists (made
        by tools/make-scenarios), otherwise the built-in demo call. With --qualify, each is first replayed alone on
        the virtual clock over the same line (codec and loss, the bench's caller reaction), and only those whose
        call passes alone are played: the outcomes then say what running many calls at once changes, apart from
        what recognition gets wrong in any call. The ones left out are listed.

        Options:
          --calls N        Calls at once (default 20).
          --seconds S      How long to run (default 60).
          --codec CODEC    opus (16 kHz, the default), pcmu or pcma (G.711 at 8 kHz).
          --loss PERCENT   Packets lost on the network (default 1).
          --jitter MS      The most extra delay a packet may take, in 10 ms steps (default 30).
          --workers N      Audio workers, and call-side workers (default: the machine's cores).
          --recognizers N  Recognizers the calls share (default: half the calls, plus two).
          --svg FILE       Writes a histogram of the turn latencies as SVG.
          --json           One JSON object with every number and each ended call.
          --find-capacity  Raises the calls run by run until one misses its deadlines (above).
          --step N         Calls added per --find-capacity run (default 25).
          --qualify        Plays only the scenarios whose call passes when replayed alone (above).
          --outcomes-only  The exit status leaves late blocks out: a check of behaviour, not speed (a loaded or
                           debug machine).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "outcomes-only", "find-capacity", "qualify"],
            options: ["calls", "seconds", "codec", "loss", "jitter", "workers", "recognizers", "svg", "step"])
        var configuration = CallBenchConfiguration()
        configuration.callCount = try parsed.integer("calls", in: 1...1000) ?? configuration.callCount
        configuration.duration = .seconds(try parsed.integer("seconds", in: 1...86_400) ?? 60)
        if let codec = try parsed.choice("codec", from: ["opus", "pcmu", "pcma"]) {
            configuration.line = LineCodec(rawValue: codec)!
        }
        if let loss = parsed.options["loss"] {
            guard let percentage = Double(loss), (0...100).contains(percentage) else {
                throw UsageError("--loss takes a percentage from 0 to 100, not \(loss)")
            }
            configuration.lossPercentage = percentage
        }
        if let jitter = try parsed.integer("jitter", in: 0...1000) { configuration.jitter = .milliseconds(jitter) }
        if let workers = try parsed.integer("workers", in: 1...64) { configuration.workerCount = workers }
        configuration.recognizerCapacity = try parsed.integer("recognizers", in: 1...1000)
        configuration.scenarios = try Self.scenarios(parsed.positionals)
        if parsed.has("qualify") {
            let (kept, leftOut) = Self.qualify(configuration)
            console.printError(
                "attendant bench: \(kept.count) of \(configuration.scenarios.count) scenarios pass alone over "
                    + "\(configuration.line.rawValue) with \(configuration.lossPercentage) % loss"
                    + (leftOut.isEmpty ? "" : "; left out: " + leftOut.joined(separator: ", ")))
            guard !kept.isEmpty else { throw UsageError("no scenario passes alone; nothing to bench") }
            configuration.scenarios = kept
            configuration.leftOutScenarioIDs = leftOut
        }
        if parsed.has("find-capacity") {
            if parsed.options["calls"] == nil { configuration.callCount = 50 }
            let step = try parsed.integer("step", in: 1...1000) ?? 25
            return try Self.findCapacity(configuration, step: step, isJSON: parsed.has("json"), console: console)
        }

        let report = try Self.runOnce(configuration, console: console)
        if let path = parsed.options["svg"] {
            try LatencyHistogram.svg(report).write(toFile: path, atomically: true, encoding: .utf8)
        }
        console.print(parsed.has("json") ? try BenchReportText.json(report) : BenchReportText.table(report))
        let isBehaving = report.passedCallCount == report.endedCallCount && report.recognizersStillLent == 0
        let isOnTime = report.lateBlockCount == 0 || parsed.has("outcomes-only")
        return isBehaving && isOnTime ? ExitStatus.success : ExitStatus.failure
    }

    /// One bench run, with a progress line on a terminal.
    static func runOnce(_ configuration: CallBenchConfiguration, console: Console) throws -> CallBenchReport {
        let showsProgress = isatty(2) == 1
        let report = try CallBench.run(configuration) { progress in
            guard showsProgress else { return }
            console.printError(BenchReportText.progressLine(progress, of: configuration))
        }
        return report
    }

    /// Runs the bench with more calls each time until a run misses its deadlines (a late block, or a p99 turn
    /// latency over `BenchCapacity.turnLatencyLimitMilliseconds`), and prints the largest call count that held.
    static func findCapacity(
        _ configuration: CallBenchConfiguration, step: Int, isJSON: Bool, console: Console
    ) throws -> Int32 {
        var configuration = configuration
        var capacity = BenchCapacity()
        while configuration.callCount <= 1000 {
            let report = try Self.runOnce(configuration, console: console)
            let run = BenchCapacity.Run(report)
            capacity.runs.append(run)
            if !isJSON { console.print(BenchReportText.capacityRow(run)) }
            guard run.hasHeld else { break }
            capacity.largestHeldCallCount = configuration.callCount
            configuration.callCount += step
        }
        console.print(isJSON ? try BenchReportText.json(capacity) : BenchReportText.capacitySummary(capacity))
        return capacity.largestHeldCallCount != nil ? ExitStatus.success : ExitStatus.failure
    }

    /// The scenarios whose call passes when replayed alone on the virtual clock over the bench's line, and the ids of
    /// the others; two at a time.
    static func qualify(_ configuration: CallBenchConfiguration) -> (kept: [Scenario], leftOutIDs: [String]) {
        var replay = ReplayConfiguration()
        replay.practice = configuration.practice
        replay.promptCache = configuration.promptCache
        replay.line = configuration.line
        replay.linePacketLossPercentage = configuration.lossPercentage
        replay.callerReaction = configuration.callerReaction
        let scenarios = configuration.scenarios
        let settings = replay
        let passed = Locked([Bool](repeating: false, count: scenarios.count))
        DispatchQueue.concurrentPerform(iterations: scenarios.count) { index in
            let result = try? CallReplay(scenario: scenarios[index], configuration: settings).run()
            passed.withLock { $0[index] = result?.hasPassed ?? false }
        }
        let flags = passed.withLock { $0 }
        return (
            zip(scenarios, flags).filter(\.1).map(\.0),
            zip(scenarios, flags).filter { !$0.1 }.map(\.0.id)
        )
    }

    /// The scenarios to play: the files and folders given, `scenarios/` when it exists, or the demo call.
    static func scenarios(_ paths: [String]) throws -> [Scenario] {
        if !paths.isEmpty {
            return try paths.flatMap { try ReplayCommand.scenarioFiles($0) }.map { try Scenario(contentsOf: $0) }
        }
        if FileManager.default.fileExists(atPath: "scenarios/audio") {
            return try ReplayCommand.scenarioFiles("scenarios").map { try Scenario(contentsOf: $0) }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attendant-bench-demo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return [try DemoScenario.make(in: folder)]
    }
}

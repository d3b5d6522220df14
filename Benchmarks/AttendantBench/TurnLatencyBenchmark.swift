import AudioCore
import Call
import Foundation
import Speech

/// Turn latency on real-time replay: scripted calls paced by the wall clock, several at once, the time from the
/// end of each caller turn's speech to the agent's first audio. On request only (`--only turn-latency`): each call
/// lasts as long as it would on the phone.
///
/// The calls are the scenarios in `scenarios/` (from the current folder; `tools/make-scenarios` writes their
/// audio), run `concurrentCallCount` at a time; with `--quick`, the built-in demo call alone.
enum TurnLatencyBenchmark {
    /// Calls in flight at once: two per core, so the machine is shared as on a busy desk box.
    static let concurrentCallCount = 2 * ProcessInfo.processInfo.activeProcessorCount

    static func run(into report: inout Report, isQuick: Bool) {
        let folder = URL(fileURLWithPath: "scenarios")
        var scenarios: [Scenario] = []
        do {
            if !isQuick, FileManager.default.fileExists(atPath: folder.path) {
                let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                    .filter { $0.hasSuffix(".json") }.sorted()
                scenarios = try names.map { try Scenario(contentsOf: folder.appendingPathComponent($0)) }
            }
            if scenarios.isEmpty {
                let demoFolder = FileManager.default.temporaryDirectory.appendingPathComponent("attendant-bench-demo")
                try FileManager.default.createDirectory(at: demoFolder, withIntermediateDirectories: true)
                scenarios = [try DemoScenario.make(in: demoFolder)]
            }
        } catch {
            report.add(Measurement(group: "turn-latency", name: "skipped", value: 0, unit: "", note: "\(error)"))
            return
        }

        var configuration = ReplayConfiguration()
        configuration.isRealTime = true
        let results = Self.replay(scenarios, configuration: configuration)
        let latencies = results.flatMap(\.turnLatenciesMilliseconds)
        let detection = results.flatMap(\.endOfTurnMilliseconds)
        let work = results.flatMap(\.responseWorkMilliseconds)
        let atOnce = min(Self.concurrentCallCount, scenarios.count)
        let note = "\(latencies.count) turns, \(results.count) calls, \(atOnce) at once, real time"
        report.add(
            Measurement(
                group: "turn-latency", name: "end of speech to agent audio p50",
                value: Self.percentile(latencies, 0.5), unit: "ms", target: .atMost(300), note: note))
        report.add(
            Measurement(
                group: "turn-latency", name: "end of speech to agent audio p99",
                value: Self.percentile(latencies, 0.99), unit: "ms", target: .atMost(600), note: note))
        report.add(
            Measurement(
                group: "turn-latency", name: "of which finding the end of turn p50",
                value: Self.percentile(detection, 0.5), unit: "ms", note: "endpointer"))
        report.add(
            Measurement(
                group: "turn-latency", name: "of which working out the answer p50", value: Self.percentile(work, 0.5),
                unit: "ms", note: "recognition, dialogue, schedule, synthesis"))
        report.add(
            Measurement(
                group: "turn-latency", name: "calls that reached their expected outcome",
                value: Double(results.filter(\.hasPassed).count), unit: "of \(scenarios.count)"))
    }

    /// Replays every scenario, `concurrentCallCount` threads taking the next one as they finish.
    static func replay(_ scenarios: [Scenario], configuration: ReplayConfiguration) -> [ReplayResult] {
        let next = Locked(0)
        let results = Locked([ReplayResult]())
        let group = DispatchGroup()
        for _ in 0..<min(Self.concurrentCallCount, scenarios.count) {
            group.enter()
            let thread = Thread {
                while true {
                    let index = next.withLock { value -> Int in
                        value += 1
                        return value - 1
                    }
                    guard index < scenarios.count else { break }
                    if let result = try? CallReplay(scenario: scenarios[index], configuration: configuration).run() {
                        results.withLock { $0.append(result) }
                    }
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        return results.withLock { $0 }
    }

    /// Nearest-rank percentile (`fraction` 0…1); 0 for no values.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        nearestRankPercentile(values, percent: fraction * 100) ?? 0
    }
}

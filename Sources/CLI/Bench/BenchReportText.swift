import Call
import Foundation

/// How `attendant bench` prints its report: a table, a JSON object, and a progress line.
enum BenchReportText {
    static func progressLine(_ progress: CallBench.Progress, of configuration: CallBenchConfiguration) -> String {
        String(
            format: "%5.0f / %.0f s  %d calls in progress  %d ended, %d passed  %d late blocks  %.0f MB",
            progress.elapsedSeconds, configuration.duration.secondsValue, progress.callsInProgress,
            progress.endedCalls, progress.passedCalls, progress.lateBlocks, progress.residentMegabytes)
    }

    static func json(_ report: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static func table(_ report: CallBenchReport) -> String {
        func ms(_ value: Double) -> String { String(format: "%.0f ms", value) }
        let perWorker = report.workerBlockCounts.map(String.init).joined(separator: " / ")
        var rows: [(String, String)] = [
            ("calls at once (requested, peak)", "\(report.requestedCallCount), \(report.peakConcurrentCallCount)"),
            (
                "line",
                "\(report.line), \(report.lossPercentage) % loss, jitter up to \(Int(report.jitterMilliseconds)) ms"
            ),
            ("run", String(format: "%.1f s, %d audio workers", report.seconds, report.workerCount)),
            (
                "calls started / ended / unfinished",
                "\(report.startedCallCount) / \(report.endedCallCount) / \(report.unfinishedCallCount)"
            ),
            ("ended calls that reached their outcome", "\(report.passedCallCount) of \(report.endedCallCount)"),
            (
                "CPU cores: engine / synthetic callers / process",
                String(format: "%.3f / %.3f / %.3f", report.engineCores, report.callerCores, report.processCores)
            ),
            (
                "of the engine: audio workers / call-side workers",
                String(format: "%.3f / %.3f", report.audioWorkerCores, report.callSideCores)
            ),
            ("blocks / late blocks", "\(report.blockCount) / \(report.lateBlockCount)"),
            ("latest block", String(format: "%.1f ms after its deadline", report.maximumLatenessMilliseconds)),
            ("blocks per worker", perWorker),
            (
                "packets sent / lost on the network / concealed / late / overflowed",
                "\(report.packetsSent) / \(report.packetsLostOnTheNetwork) / \(report.packetsConcealed) / \(report.packetsLate) / \(report.packetsOverflowed)"
            ),
            (
                "turn latency p50 / p95 / p99 (\(report.turnCount) turns)",
                "\(ms(report.turnLatencyP50Milliseconds)) / \(ms(report.turnLatencyP95Milliseconds)) / \(ms(report.turnLatencyP99Milliseconds))"
            ),
            (
                "barge-in stop p50 / p99 (\(report.bargeInCount))",
                "\(ms(report.bargeInStopP50Milliseconds)) / \(ms(report.bargeInStopP99Milliseconds))"
            ),
            (
                "resident memory: before / peak / end",
                String(
                    format: "%.0f / %.0f / %.0f MB", report.baselineResidentMegabytes, report.peakResidentMegabytes,
                    report.finalResidentMegabytes)
            ),
            ("resident memory per call in progress (peak)", String(format: "%.1f MB", report.residentMegabytesPerCall)),
            (
                "recognizers made / most lent at once / capacity",
                "\(report.recognizersMade) / \(report.peakRecognizersLent) / \(report.recognizerCapacity)"
            ),
        ]
        if let refusal = report.realTimePriorityRefusal { rows.append(("real-time priority", "refused: \(refusal)")) }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        let failed = report.calls.filter { !$0.hasPassed }
        if !failed.isEmpty {
            lines.append("")
            lines.append("calls that did not reach their outcome:")
            for call in failed { lines.append("  \(call.scenario): \(call.mismatches.joined(separator: "; "))") }
        }
        return lines.joined(separator: "\n")
    }

    /// One `--find-capacity` run as a line.
    static func capacityRow(_ run: BenchCapacity.Run) -> String {
        String(format: "%4d calls  ", run.callCount) + (run.hasHeld ? "held    " : "missed  ")
            + String(
                format: "%.3f cores (engine)  %d late blocks  turn p99 %.0f ms  %d of %d outcomes  %.0f MB peak",
                run.engineCores, run.lateBlockCount, run.turnLatencyP99Milliseconds, run.passedCallCount,
                run.endedCallCount, run.peakResidentMegabytes)
    }

    static func capacitySummary(_ capacity: BenchCapacity) -> String {
        guard let largest = capacity.largestHeldCallCount else {
            return "capacity: no run held (no late block and a p99 turn latency within "
                + "\(Int(BenchCapacity.turnLatencyLimitMilliseconds)) ms)"
        }
        return "capacity: \(largest) calls at once held (no late block, p99 turn latency within "
            + "\(Int(BenchCapacity.turnLatencyLimitMilliseconds)) ms)"
    }
}

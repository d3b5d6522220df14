import AudioCore
import Call
import Devices
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches a running desk box from the main thread: the live view and its keys on a terminal, key=value event lines
/// otherwise, the faults `--inject-…` asks for, and the CPU the process uses while the line is idle.
final class DeskWatch {
    let box: DeskBox
    let console: Console
    let isViewing: Bool
    private var injections: [(seconds: Double, code: Int32)]

    /// CPU time over wall time while no call was on the line, in percent of one core; `nil` before any idle time.
    private(set) var idleCPUPercent: Double?
    private var idleCPUSeconds = 0.0
    private var idleWallSeconds = 0.0

    /// How often the view is redrawn and the box polled.
    static let tick = 0.1

    init(box: DeskBox, console: Console, isViewing: Bool, injections: [(seconds: Double, code: Int32)]) {
        self.box = box
        self.console = console
        self.isViewing = isViewing
        self.injections = injections
    }

    /// Runs until the box's line ends, or `q`.
    func run() {
        let keys = self.isViewing ? TerminalKeys() : nil
        defer { keys?.restore() }
        var last = self.box.status()
        var lastCPU = Self.processCPUSeconds()
        var lastWall = Date()
        while !self.box.hasEnded {
            Thread.sleep(forTimeInterval: Self.tick)
            let status = self.box.status()
            let cpu = Self.processCPUSeconds()
            let now = Date()
            if status.mode == .idle, last.mode == .idle {
                self.idleCPUSeconds += cpu - lastCPU
                self.idleWallSeconds += now.timeIntervalSince(lastWall)
                if self.idleWallSeconds > 1 { self.idleCPUPercent = 100 * self.idleCPUSeconds / self.idleWallSeconds }
            }
            (lastCPU, lastWall) = (cpu, now)
            self.inject(at: status.seconds)
            if let keys {
                for key in keys.pressed() {
                    switch key {
                    case "t": self.box.takeOver()
                    case "r": self.box.resume()
                    case "a": self.box.answer()
                    case "q": self.box.stop()
                    default: break
                    }
                }
                self.console.print(DeskView.screen(status, idleCPUPercent: self.idleCPUPercent))
            } else {
                self.log(status, after: last)
            }
            last = status
        }
    }

    private func inject(at seconds: Double) {
        while let next = self.injections.first, seconds >= next.seconds {
            self.injections.removeFirst()
            self.box.injectFault(next.code, on: .playback)
        }
    }

    /// Event lines for what changed between two polls.
    private func log(_ status: DeskStatus, after last: DeskStatus) {
        let time = String(format: "%.2f", status.seconds)
        if let call = status.call {
            if call.id != last.call?.id {
                self.console.print(DeskView.logLine("answered", [("t", time), ("call", call.id)]))
            }
            if call.heard != last.call?.heard, !call.heard.isEmpty {
                self.console.print(DeskView.logLine("caller", [("t", time), ("call", call.id), ("text", call.heard)]))
            }
            if call.said != last.call?.said, !call.said.isEmpty {
                self.console.print(DeskView.logLine("agent", [("t", time), ("call", call.id), ("text", call.said)]))
            }
            if call.isUrgent, last.call?.isUrgent != true {
                self.console.print(DeskView.logLine("urgent", [("t", time), ("call", call.id)]))
            }
        }
        for finished in status.finishedCalls.dropFirst(last.finishedCalls.count) {
            self.console.print(
                DeskView.logLine(
                    "ended",
                    [
                        ("t", time), ("call", finished.id), ("outcome", finished.outcome),
                        ("intent", finished.intent ?? "-"), ("urgent", String(finished.isUrgent)),
                    ]))
        }
        if status.captureXruns != last.captureXruns || status.playbackXruns != last.playbackXruns {
            self.console.print(
                DeskView.logLine(
                    "xrun",
                    [("t", time), ("capture", String(status.captureXruns)), ("playback", String(status.playbackXruns))])
            )
        }
        if let problem = status.lastProblem, problem != last.lastProblem {
            self.console.print(DeskView.logLine("problem", [("t", time), ("text", problem)]))
        }
        if status.mode != last.mode {
            self.console.print(DeskView.logLine("line", [("t", time), ("mode", status.mode.rawValue)]))
        }
    }

    /// User and system CPU time the process has used, in seconds.
    static func processCPUSeconds() -> Double { ProcessUsage.processCPUSeconds() }
}

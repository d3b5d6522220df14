import Foundation
import Practice
import Speech

/// Scripted calls laid end to end as one capture stream for the desk box, and how to score a desk run of it.
///
/// Each call is replayed first, on the virtual clock, as the desk line will answer it (no caller number, the
/// practice's clock where the call falls in the stream), and its caller's side of the line is what the stream
/// carries: so the caller's answers fall where the agent's questions will end, without the caller hearing the agent.
/// Before each call the caller says "hello?" and the call starts where `DeskCallStart` hears that end, as the live
/// line will; a caller who hangs up is followed by a busy tone. Calls that do not pass their replay are left out
/// (they test recognition, not the live path) and listed as skipped, as is a cancel or a move for a patient an
/// earlier call booked for or changed (the desk keeps one schedule, so it would find that call's appointment).
public struct DeskScript: Sendable {
    /// One call in the stream.
    public struct Call: Sendable {
        /// The scenario as played: its `now` moved to where the call falls, its caller number removed.
        public var scenario: Scenario
        /// Where the line answers it, in seconds from the start of the stream.
        public var answerSeconds: Double
        /// How long the replay of it ran.
        public var callSeconds: Double
        /// The replay itself, when the script was just made (a script read from its file has none).
        public var replay: ReplayResult? = nil
    }

    /// The practice's clock at the start of the stream.
    public var clockStart: LocalDateTime
    public var calls: [Call]
    /// Scenarios left out, with why.
    public var skipped: [(id: String, reason: String)]
    /// The stream, 16 kHz.
    public var samples: [Float]

    /// How long the scripted callers of a desk script wait after the agent stops: more than a replay's 0.4 s, for
    /// the live agent's answer may start later than the replay's (its call side's work is measured, not
    /// predicted), and a caller already talking then is heard as a barge-in.
    public static let callerReaction = Duration.seconds(1)

    /// Silence between one call's end and the next caller's hello.
    static let gapSeconds = 1.5

    /// Lays `scenarios` out in order, until the stream is `maximumSeconds` long.
    ///
    /// - Throws: `CallError` when a scenario cannot be replayed or the hello cannot be synthesized.
    public static func make(
        _ scenarios: [Scenario], clockStart: LocalDateTime, configuration: ReplayConfiguration,
        maximumSeconds: Double = .infinity
    ) throws(CallError) -> DeskScript {
        let practice = configuration.practice
        guard let start = clockStart.instant(in: practice) else {
            throw .schedule("\(clockStart) does not exist on the practice's clock")
        }
        let hello: [Float]
        do {
            hello = try PromptSynthesizer(engine: .flite(.rms)).synthesize("hello?").map { Float($0) / 32768 }
        } catch {
            throw .speech("hello: \(error)")
        }
        let rate = Double(CallFrontEnd.sampleRate)
        var script = DeskScript(clockStart: clockStart, calls: [], skipped: [], samples: [])
        var changedPatients = Set<String>()
        for original in scenarios {
            guard Double(script.samples.count) / rate < maximumSeconds else { break }
            // The desk keeps one schedule: a cancel or a move finds what an earlier call of the same patient booked
            // or changed, not what the scenario set up.
            if let patient = original.patient?.name, changedPatients.contains(patient),
                ["cancelled", "rescheduled"].contains(original.expectation.outcome ?? "")
            {
                script.skipped.append((original.id, "an earlier call changed \(patient)'s appointments"))
                continue
            }
            guard original.echo == nil else {
                // The replay's echo is of the agent as it played there; on the desk line the agent plays anew.
                script.skipped.append((original.id, "an echo path needs the agent's live audio"))
                continue
            }
            // The caller's hello, and where the line will answer after it.
            var lead = [Float](repeating: 0, count: Int(Self.gapSeconds * rate)) + hello
            lead += [Float](repeating: 0, count: Int(rate))
            let detector = try DeskCallStart()
            var answerFrame: Int?
            lead.withUnsafeBufferPointer { samples in
                for block in 0..<samples.count / CallFrontEnd.blockFrameCount where answerFrame == nil {
                    let range = block * CallFrontEnd.blockFrameCount..<(block + 1) * CallFrontEnd.blockFrameCount
                    if detector.process(UnsafeBufferPointer(rebasing: samples[range])) {
                        answerFrame = range.upperBound
                    }
                }
            }
            guard let answerFrame else {
                script.skipped.append((original.id, "the line does not hear the hello"))
                continue
            }
            let answer = script.samples.count + answerFrame
            var scenario = original
            scenario.callerNumber = nil
            scenario.now = Self.localTime(start.addingTimeInterval(Double(answer) / rate), in: practice)
            let replay = try CallReplay(scenario: scenario, configuration: configuration)
            let result = try replay.run()
            guard result.hasPassed else {
                script.skipped.append(
                    (original.id, "its replay does not pass: \(result.mismatches.joined(separator: "; "))"))
                continue
            }
            var track = Array(lead.prefix(answerFrame)) + replay.callerTrack
            if result.turns.last?.label == "hangUp" { track += Self.busyTone(seconds: 3) }
            script.samples += track
            if let patient = scenario.patient?.name, result.appointment != nil || result.changedAppointment != nil {
                changedPatients.insert(patient)
            }
            script.calls.append(
                Call(
                    scenario: scenario, answerSeconds: Double(answer) / rate, callSeconds: result.callSeconds,
                    replay: result))
        }
        script.samples += [Float](repeating: 0, count: Int(Self.gapSeconds * rate))
        return script
    }

    /// A North American busy tone: 480 + 620 Hz, half a second on, half off.
    static func busyTone(seconds: Double) -> [Float] {
        let rate = Double(CallFrontEnd.sampleRate)
        return (0..<Int(seconds * rate)).map { index in
            let time = Double(index) / rate
            guard time.truncatingRemainder(dividingBy: 1) < 0.5 else { return 0 }
            return Float(0.05 * (sin(2 * .pi * 480 * time) + sin(2 * .pi * 620 * time)))
        }
    }

    /// `instant` on the practice's wall clock, to the second.
    static func localTime(_ instant: Date, in practice: PracticeConfiguration) -> LocalDateTime {
        let parts = practice.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
        return LocalDateTime(text)!
    }

    /// How far a desk call's answer may be from a script call's for the two to be the same call.
    static let answerTolerance = 1.0

    /// The calls of a desk run against the script's: each script call's mismatches against the desk call the line
    /// answered at its time (empty when it passed; "not answered" when none was), then a line for each desk call
    /// that is none of the script's (the rest of a call that went wrong, heard as a new caller).
    public func score(_ report: DeskReport, practice: PracticeConfiguration) -> [(id: String, mismatches: [String])] {
        var scores: [(id: String, mismatches: [String])] = []
        var matched = Set<Int>()
        for call in self.calls {
            let index = report.answerSeconds.indices.first {
                !matched.contains($0) && abs(report.answerSeconds[$0] - call.answerSeconds) <= Self.answerTolerance
            }
            guard let index else {
                scores.append((call.scenario.id, ["not answered at \(call.answerSeconds) s (the line was busy)"]))
                continue
            }
            matched.insert(index)
            scores.append(
                (call.scenario.id, call.scenario.expectation.mismatches(report.calls[index], practice: practice)))
        }
        for index in report.calls.indices where !matched.contains(index) {
            let when = String(format: "%.2f", report.answerSeconds[index])
            scores.append(
                (
                    report.calls[index].id,
                    ["a call the script does not have, answered at \(when) s (\(report.calls[index].outcome))"]
                ))
        }
        return scores
    }

    /// The patients the calls expect the practice to know, with their appointments, put in `store`.
    ///
    /// - Throws: `CallError.schedule` when one cannot be added.
    public func seed(_ store: ScheduleStore, practice: PracticeConfiguration) throws(CallError) {
        for call in self.calls {
            guard let patient = call.scenario.patient, let start = self.clockStart.instant(in: practice) else {
                continue
            }
            try CallReplay.seed(patient, into: store, practice: practice, before: start)
        }
    }
}

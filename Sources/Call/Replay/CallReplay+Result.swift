import Dialogue
import Foundation
import Practice
import Understanding

extension CallReplay {
    /// The call is over: release its holds, record it, write its audio and transcript, and score it.
    func finish() throws(CallError) -> ReplayResult {
        self.recognition.abandon()
        let endSampleTime = self.frontEnd.sampleTime
        let outcome = self.outcome
        do {
            try self.store.releaseHolds(callID: self.callID)
            try self.store.recordCall(
                CallRecord(
                    id: self.callID, callerNumber: self.scenario.callerNumber, startedAt: self.startInstant,
                    endedAt: self.instant(endSampleTime), intent: self.requestIntent.rawValue, outcome: outcome,
                    transcript: self.transcript, actions: self.actionLog, turnLatencyMilliseconds: self.latencies))
        } catch {
            throw .schedule("recording the call: \(error)")
        }

        var result = ReplayResult(
            id: self.scenario.id, intent: self.requestIntent.rawValue, isUrgent: self.isUrgent, outcome: outcome,
            isTransferred: self.transferReason != nil, transferReason: self.transferReason?.rawValue,
            appointment: self.appointment, turns: self.turns, turnLatenciesMilliseconds: self.latencies,
            endOfTurnMilliseconds: self.detectionDelays, responseWorkMilliseconds: self.responseWork,
            bargeInStopMilliseconds: self.bargeInStops, callSeconds: Self.seconds(endSampleTime),
            actions: self.actionLog, outputFolder: nil,
            mismatches: [])
        result.line = self.configuration.line.rawValue
        if self.line.lostPacketCount > 0 {
            result.actions.append(
                "line: \(self.line.lostPacketCount) of \(self.line.packetCount) packets lost and concealed")
        }
        if self.line.codingFailureCount > 0 {
            result.actions.append("line: \(self.line.codingFailureCount) packets the codec could not carry")
        }
        result.mismatches = self.mismatches(result)
        if let folder = self.configuration.outputFolder {
            let callFolder = folder.appendingPathComponent(self.scenario.id)
            try self.write(to: callFolder)
            result.outputFolder = callFolder
        }
        return result
    }

    /// What the call came to, as the dialogue tells it (`CallOutcome`'s precedence).
    var outcome: String { (self.dialogue.outcome ?? .abandoned).rawValue }

    /// The request's intent, as the dialogue understood it; `other` when no request was.
    var requestIntent: Intent { self.dialogue.callIntent ?? .other }

    /// The conversation as lines of text: time, speaker, what was said.
    var transcript: String {
        self.turns.map { turn in
            String(format: "%7.2f  ", turn.startSeconds) + "\(turn.speaker.rawValue): \(turn.text)"
        }.joined(separator: "\n")
    }

    /// Each way `result` differs from the scenario's expectation.
    func mismatches(_ result: ReplayResult) -> [String] {
        let expected = self.scenario.expectation
        var mismatches: [String] = []
        func check(_ name: String, _ want: String?, _ got: String?) {
            guard let want, want != got else { return }
            mismatches.append("\(name): expected \(want), got \(got ?? "none")")
        }
        check("outcome", expected.outcome, result.outcome)
        check("intent", expected.intent, result.intent)
        check("urgent", expected.isUrgent.map(String.init), String(result.isUrgent))
        check("transferred", expected.isTransferred.map(String.init), String(result.isTransferred))
        if expected.doctor != nil || expected.weekday != nil || expected.period != nil {
            let local = (result.appointment ?? self.changedAppointment).flatMap {
                self.practice.localTime(of: $0.start)
            }
            check("doctor", expected.doctor, (result.appointment ?? self.changedAppointment)?.doctor)
            check("weekday", expected.weekday, local?.date.weekday.rawValue)
            check(
                "period", expected.period,
                local.map { SlotFinder.part(ofMinutes: $0.time.minutesSinceMidnight).rawValue })
        }
        return mismatches
    }

    func write(to folder: URL) throws(CallError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (self.transcript + "\n").write(
                to: folder.appendingPathComponent("transcript.txt"), atomically: true, encoding: .utf8)
        } catch {
            throw .output(path: folder.path, reason: "\(error)")
        }
        try ReplayAudio.write([self.agentTrack], to: folder.appendingPathComponent("agent.wav"))
        try ReplayAudio.write([self.callerTrack, self.agentTrack], to: folder.appendingPathComponent("call.wav"))
    }
}

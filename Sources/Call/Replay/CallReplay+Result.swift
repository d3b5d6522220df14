import Dialogue
import Foundation
import Practice
import Understanding

extension CallReplay {
    /// The call is over: the call side records it; its audio and transcript are written, and it is scored.
    func finish() throws(CallError) -> ReplayResult {
        let endSampleTime = self.frontEnd.sampleTime
        let call = self.session!
        try call.close(at: endSampleTime)
        var result = call.result(id: self.scenario.id, endSampleTime: endSampleTime)
        if self.transport.lostPacketCount > 0 {
            result.actions.append(
                "line: \(self.transport.lostPacketCount) of \(self.transport.packetCount) packets lost and concealed")
        }
        if self.transport.codingFailureCount > 0 {
            result.actions.append("line: \(self.transport.codingFailureCount) packets the codec could not carry")
        }
        result.mismatches = self.mismatches(result)
        if let folder = self.configuration.outputFolder {
            let callFolder = folder.appendingPathComponent(self.scenario.id)
            try self.write(to: callFolder)
            result.outputFolder = callFolder
        }
        return result
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
            let local = (result.appointment ?? self.session.changedAppointment).flatMap {
                self.practice.localTime(of: $0.start)
            }
            check("doctor", expected.doctor, (result.appointment ?? self.session.changedAppointment)?.doctor)
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
            try (self.session.transcript + "\n").write(
                to: folder.appendingPathComponent("transcript.txt"), atomically: true, encoding: .utf8)
        } catch {
            throw .output(path: folder.path, reason: "\(error)")
        }
        try ReplayAudio.write([self.agentTrack], to: folder.appendingPathComponent("agent.wav"))
        try ReplayAudio.write([self.callerTrack, self.agentTrack], to: folder.appendingPathComponent("call.wav"))
    }
}

import Foundation
import Practice

extension CallSession {
    /// The call is over at `endSampleTime`: its recognizer is let go, its held slots released, and its call record
    /// written to the store.
    ///
    /// - Throws: `CallError.schedule` when the store cannot release or record.
    func close(at endSampleTime: Int64) throws(CallError) {
        self.recognition.abandon()
        do {
            try self.store.releaseHolds(callID: self.callID)
            try self.store.recordCall(
                CallRecord(
                    id: self.callID, callerNumber: self.callerNumber, startedAt: self.startInstant,
                    endedAt: self.instant(endSampleTime), intent: self.requestIntent.rawValue, outcome: self.outcome,
                    transcript: self.transcript, actions: self.actionLog, turnLatencyMilliseconds: self.latencies))
        } catch {
            throw .schedule("recording the call: \(error)")
        }
    }

    /// What the call came to, unscored: `mismatches` is left empty for whoever knows what was expected.
    func result(id: String, endSampleTime: Int64) -> ReplayResult {
        ReplayResult(
            id: id, intent: self.requestIntent.rawValue, isUrgent: self.isUrgent, outcome: self.outcome,
            isTransferred: self.transferReason != nil, transferReason: self.transferReason?.rawValue,
            appointment: self.appointment, changedAppointment: self.changedAppointment, turns: self.turns,
            turnLatenciesMilliseconds: self.latencies,
            endOfTurnMilliseconds: self.detectionDelays, responseWorkMilliseconds: self.responseWork,
            bargeInStopMilliseconds: self.bargeInStops, callSeconds: Self.seconds(endSampleTime),
            actions: self.actionLog, outputFolder: nil, line: self.settings.line.rawValue, mismatches: [])
    }
}

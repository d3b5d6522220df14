import Dialogue
import Foundation
import Practice

extension CallReplay {
    /// Performs the dialogue's actions in order; schedule queries are answered at once with their events.
    func perform(_ actions: [DialogueAction], at time: Int64) throws(CallError) {
        for action in actions {
            switch action {
            case .speak(let prompt):
                self.actionLog.append("speak \(prompt.key)")
                if prompt.key.hasPrefix("answer.") { self.hasAnswered = true }
                self.playout.enqueue(prompt, samples: try self.voice.samples(for: prompt))
                if self.isTimingResponse, self.firstPromptReady == nil { self.firstPromptReady = ContinuousClock.now }
            case .stopSpeaking:
                self.actionLog.append("stop speaking")
                self.playout.stop()
            case .listen(let context):
                self.listenContext = context
                self.silentListeningFrameCount = 0
                if let slot = self.dialogue.awaitedAnswer {
                    self.caller.asked(
                        slot, promptStartSampleTime: max(time, self.playout.notBeforeSampleTime), isKeypad: false)
                }
            case .findSlots(let query):
                let offers: [SlotOffer]
                do {
                    offers = try self.slotFinder.offers(for: query, callID: self.callID, now: self.instant(time))
                } catch {
                    throw .schedule("finding slots: \(error)")
                }
                self.actionLog.append("find slots: \(offers.count) offered")
                try self.perform(self.dialogue.handle(.offer(slots: offers)), at: time)
            case .book(let request):
                let outcome = try self.book(request, at: time)
                try self.perform(self.dialogue.handle(.bookingFinished(outcome)), at: time)
            case .transfer(let target, let reason):
                self.actionLog.append("transfer to \(target.name) (\(reason.rawValue))")
                self.transferReason = reason
                if reason == .urgent { self.isUrgent = true }
                self.pendingEnd = "transferred"
            case .takeMessage(let topic):
                self.messageTopic = topic
            case .hangUp:
                self.actionLog.append("hang up")
                self.pendingEnd = "agent hung up"
            }
        }
    }

    /// Books the confirmed slot for the caller.
    // TODO: the patient is the one the caller's number names, else a placeholder registered under that number;
    // identifying callers by name and date of birth is the dialogue's next step.
    func book(_ request: BookingRequest, at time: Int64) throws(CallError) -> BookingOutcome {
        do {
            let number = request.callerNumber ?? "unknown"
            let patient =
                try self.store.patients(withPhone: number).first
                ?? self.store.findOrRegisterPatient(
                    name: "Caller \(number)", dateOfBirth: LocalDate(year: 1900, month: 1, day: 1)!, phone: number)
            let result = try self.store.book(
                patientID: patient.id, doctorName: request.slot.doctor, start: request.slot.start,
                callID: self.callID, now: self.instant(time))
            guard case .booked(let appointment) = result else {
                self.actionLog.append("book \(request.slot.doctor) \(request.slot.start): \(result)")
                return .unavailable
            }
            self.actionLog.append("booked \(request.slot.doctor) at \(request.slot.start)")
            self.appointment = ReplayAppointment(doctor: request.slot.doctor, start: appointment.start)
            return .booked
        } catch {
            throw .schedule("booking: \(error)")
        }
    }
}

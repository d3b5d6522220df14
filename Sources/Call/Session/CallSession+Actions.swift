import Dialogue
import Foundation
import Practice

extension CallSession {
    /// Performs the dialogue's actions in order; schedule actions are answered at once with their events.
    func perform(_ actions: [DialogueAction], at time: Int64) throws(CallError) {
        for action in actions {
            switch action {
            case .speak(let prompt):
                self.actionLog.append("speak \(prompt.key)")
                self.line.enqueue(prompt, samples: try self.voice.samples(for: prompt))
                self.lastPromptQueued = prompt
                if self.isTimingResponse, self.firstPromptReady == nil { self.firstPromptReady = ContinuousClock.now }
            case .stopSpeaking:
                self.actionLog.append("stop speaking")
                self.line.stopSpeaking()
            case .listen(let context):
                self.listenContext = context
                self.silentListeningFrameCount = 0
                // A message is said in pieces, with pauses to think: only a longer silence ends it.
                self.line.setTrailingSilence(context == .message ? Self.messageTrailingSilence : nil)
                defer { self.lastPromptQueued = nil }
                if let slot = self.dialogue.awaitedAnswer, let caller = self.caller {
                    // The question is the last prompt queued; what comes before it (a thank-you, an answer) plays
                    // first.
                    let questionStart =
                        max(time, self.line.notBeforeSampleTime) + Int64(self.line.framesBeforeLastPrompt)
                    let denials = caller.deniedReadBackCount
                    caller.asked(
                        slot, promptStartSampleTime: questionStart, isKeypad: self.dialogue.isAwaitingKeypad,
                        prompt: self.lastPromptQueued)
                    if caller.deniedReadBackCount > denials {
                        self.actionLog.append("the caller says no: the read-back is not what it said")
                    }
                }
            case .transfer(let target, let reason):
                self.actionLog.append("transfer to \(target.name) (\(reason.rawValue))")
                self.transferReason = reason
                if reason == .urgent { self.isUrgent = true }
                self.pendingEnd = "transferred"
            case .takeMessage(let topic, let patient, let callbackNumber):
                self.messageTopic = topic
                self.actionLog.append(
                    "message \(topic.rawValue) from \(patient?.name ?? "an unidentified caller"), call back on "
                        + (callbackNumber ?? "no number"))
            case .hangUp:
                self.actionLog.append("hang up")
                self.pendingEnd = "agent hung up"
            case .findSlots, .book, .findPatient, .registerPatient, .findAppointments, .cancel, .reschedule:
                let event = try self.answer(action, at: time)
                try self.perform(self.dialogue.handle(event), at: time)
            }
        }
    }

    /// The schedule's answer to one of the dialogue's schedule actions.
    func answer(_ action: DialogueAction, at time: Int64) throws(CallError) -> DialogueEvent {
        let now = self.instant(time)
        do {
            switch action {
            case .findSlots(let query):
                let offers = try self.slotFinder.offers(for: query, callID: self.callID, now: now)
                self.actionLog.append("find slots: \(offers.count) offered")
                return .offer(slots: offers)
            case .book(let request):
                return .bookingFinished(try self.book(request, now: now))
            case .findPatient(.phone(let number)):
                return .patientsFound(try self.store.patients(withPhone: number).map(PatientSummary.init))
            case .findPatient(.nameAndDateOfBirth(let name, let dateOfBirth)):
                let found = try self.store.patient(name: name, dateOfBirth: dateOfBirth)
                self.actionLog.append("find patient \(name) \(dateOfBirth): \(found == nil ? "not found" : "found")")
                return .patientsFound(found.map { [PatientSummary($0)] } ?? [])
            case .registerPatient(let patient):
                let stored = try self.store.findOrRegisterPatient(
                    name: patient.name, dateOfBirth: patient.dateOfBirth, phone: patient.phone)
                self.actionLog.append("registered \(stored.name) \(stored.dateOfBirth)")
                return .patientRegistered(PatientSummary(stored))
            case .findAppointments(let patientID):
                let appointments = try self.store.upcomingAppointments(patientID: patientID, now: now)
                return .appointmentsFound(appointments.map(AppointmentSummary.init))
            case .cancel(let appointmentID):
                do {
                    let cancelled = try self.store.cancel(appointmentID: appointmentID, now: now)
                    self.actionLog.append("cancelled \(cancelled.doctorName) at \(cancelled.start)")
                    self.changedAppointment = ReplayAppointment(doctor: cancelled.doctorName, start: cancelled.start)
                    return .cancellationFinished(.cancelled)
                } catch .unknownAppointment, .appointmentNotBooked {
                    return .cancellationFinished(.notBooked)
                }
            case .reschedule(let appointmentID, let slot):
                let result = try self.store.reschedule(
                    appointmentID: appointmentID, to: slot.start, doctorName: slot.doctor, callID: self.callID,
                    now: now)
                guard case .booked(let appointment) = result else {
                    self.actionLog.append("reschedule to \(slot.doctor) \(slot.start): \(result)")
                    return .rescheduleFinished(.unavailable)
                }
                self.actionLog.append("rescheduled to \(slot.doctor) at \(slot.start)")
                self.appointment = ReplayAppointment(doctor: slot.doctor, start: appointment.start)
                return .rescheduleFinished(.booked)
            default:
                preconditionFailure("not a schedule action: \(action)")
            }
        } catch {
            throw .schedule("\(action): \(error)")
        }
    }

    /// Books the confirmed slot for the identified patient.
    func book(_ request: BookingRequest, now: Date) throws(ScheduleStoreError) -> BookingOutcome {
        let result = try self.store.book(
            patientID: request.patientID, doctorName: request.slot.doctor, start: request.slot.start,
            callID: self.callID, now: now)
        guard case .booked(let appointment) = result else {
            self.actionLog.append("book \(request.slot.doctor) \(request.slot.start): \(result)")
            return .unavailable
        }
        self.actionLog.append("booked \(request.slot.doctor) at \(request.slot.start)")
        self.appointment = ReplayAppointment(doctor: request.slot.doctor, start: appointment.start)
        return .booked
    }
}

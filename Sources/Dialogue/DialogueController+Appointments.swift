import Understanding

/// Cancelling and moving: the patient's upcoming appointments, offered one at a time, nearest first.
extension DialogueController {
    /// Ask the store for the identified patient's upcoming appointments.
    mutating func findAppointments() -> [DialogueAction] {
        guard let patient = self.patient else { return self.askName() }
        self.stage = .findingAppointments
        return [.findAppointments(patientID: patient.id)]
    }

    /// None: say so; otherwise ask about the nearest and keep the rest for a "no".
    mutating func offerAppointments(_ appointments: [AppointmentSummary]) -> [DialogueAction] {
        let sorted = appointments.sorted { $0.start < $1.start }
        guard let first = sorted.first else {
            return self.ask(.anythingElse, self.prompts.noAppointments, self.prompts.anythingElse)
        }
        self.appointmentAlternatives = Array(sorted.dropFirst())
        let prompt = self.prompts.appointment(
            first, count: sorted.count, isFirst: true, isMoving: self.isMovingAppointment)
        return self.ask(.appointment(first), prompt)
    }

    var isMovingAppointment: Bool {
        if case .reschedule = self.errand { return true }
        return false
    }

    /// Yes: cancel it, or ask when to move it to; no: the next one, or nothing changed.
    mutating func chooseAppointment(_ appointment: AppointmentSummary, answer: YesNo?) -> [DialogueAction] {
        switch answer {
        case .yes:
            self.appointmentAlternatives = []
            guard case .reschedule(let slots) = self.errand else {
                self.stage = .cancelling(appointment)
                return [.cancel(appointmentID: appointment.id)]
            }
            return self.startRescheduling(appointment, slots)
        case .no:
            guard let next = self.appointmentAlternatives.first else {
                return self.ask(.anythingElse, self.prompts.nothingChanged, self.prompts.anythingElse)
            }
            self.appointmentAlternatives.removeFirst()
            let prompt = self.prompts.appointment(next, count: 0, isFirst: false, isMoving: self.isMovingAppointment)
            return self.ask(.appointment(next), prompt)
        case nil:
            return self.fail(.appointment(appointment))
        }
    }

    mutating func finishCancelling(
        _ appointment: AppointmentSummary, _ outcome: CancellationOutcome
    ) -> [DialogueAction] {
        switch outcome {
        case .cancelled:
            self.progress.done.insert(.cancelled)
            return self.ask(.anythingElse, self.prompts.cancelled(appointment), self.prompts.anythingElse)
        case .notBooked:
            return self.ask(.anythingElse, self.prompts.notBooked, self.prompts.anythingElse)
        }
    }

    /// The same doctor unless the request named another; the time from the request, else asked.
    mutating func startRescheduling(_ appointment: AppointmentSummary, _ slots: Slots) -> [DialogueAction] {
        self.booking = BookingDraft()
        self.booking.replacing = appointment
        self.booking.doctor = .some(appointment.doctor)
        self.booking.take(slots)
        return self.nextBookingStep()
    }
}

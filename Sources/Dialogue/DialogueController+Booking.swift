import Understanding

/// What the caller has said about the appointment so far.
struct BookingDraft: Sendable, Equatable {
    /// Which doctor: `nil` until asked; `.some(nil)` for any doctor.
    var doctor: String??
    var day: DayPreference?
    var time: TimePreference?
    /// Slots offered and not yet declined, after the one being confirmed.
    var alternatives: [SlotOffer] = []
    /// Empty offers and lost bookings so far; at `setbackLimit` the call goes to staff.
    var setbackCount = 0
    /// The appointment being moved, when this is a reschedule rather than a new booking.
    var replacing: AppointmentSummary?

    var hasTimePreference: Bool { self.day != nil || self.time != nil }

    mutating func take(_ slots: Slots) {
        if let doctor = slots.doctor { self.doctor = .some(doctor) }
        if let day = slots.day { self.day = day }
        if let time = slots.time { self.time = time }
    }
}

/// Booking: doctor preference, time preference, the schedule's offer, yes or no, the booking, the read-back.
extension DialogueController {
    /// Words that answer "which doctor?" with any doctor.
    static let anyDoctorWords: Set<Substring> = [
        "any", "anyone", "anybody", "whoever", "whichever", "preference", "matter", "mind", "first", "available",
    ]

    /// Words that answer "what time?" with the first free time.
    static let anyTimeWords: Set<Substring> = ["any", "anytime", "whenever", "earliest", "soonest", "first"]

    /// Empty offers or lost bookings before the call goes to staff.
    static let setbackLimit = 2

    /// A new booking from the request's slots (`see Dr. Patel on Tuesday` skips both questions).
    mutating func startBooking(_ slots: Slots) -> [DialogueAction] {
        self.booking = BookingDraft()
        self.booking.take(slots)
        return self.nextBookingStep()
    }

    /// Ask what is still missing, or query the schedule.
    mutating func nextBookingStep() -> [DialogueAction] {
        if self.booking.doctor == nil { return self.ask(.doctor, self.prompts.askDoctor) }
        if !self.booking.hasTimePreference { return self.ask(.time, self.askTimePrompt) }

        self.stage = .findingSlots
        self.isSpeaking = true
        let query = SlotQuery(
            doctor: self.booking.doctor ?? nil, day: self.booking.day, time: self.booking.time,
            notBefore: self.callStart)
        return [.speak(self.prompts.checking), .findSlots(query)]
    }

    var askTimePrompt: Prompt { self.booking.replacing == nil ? self.prompts.askTime : self.prompts.askNewTime }

    mutating func answerDoctor(_ turn: TurnResult) -> [DialogueAction] {
        if let doctor = turn.slots.doctor {
            self.booking.take(turn.slots)
            self.booking.doctor = .some(doctor)
        } else if turn.slots.answer == .no || Self.says(turn, anyOf: Self.anyDoctorWords) {
            self.booking.take(turn.slots)
            self.booking.doctor = .some(nil)
        } else {
            return self.fail(.doctor)
        }
        return self.nextBookingStep()
    }

    mutating func answerTime(_ turn: TurnResult) -> [DialogueAction] {
        self.booking.take(turn.slots)
        if !self.booking.hasTimePreference, Self.says(turn, anyOf: Self.anyTimeWords) {
            self.booking.day = .asSoonAsPossible
        }
        guard self.booking.hasTimePreference else { return self.fail(.time) }
        return self.nextBookingStep()
    }

    /// The schedule's free slots: offer the nearest, keep the next as the alternative.
    mutating func offer(_ slots: [SlotOffer]) -> [DialogueAction] {
        guard let first = slots.first else { return self.setback(self.prompts.noSlot) }
        self.booking.alternatives = Array(slots.dropFirst().prefix(1))
        return self.ask(.confirmation(first), self.prompts.offer(first))
    }

    mutating func confirm(_ slot: SlotOffer, answer: YesNo?) -> [DialogueAction] {
        switch answer {
        case .yes:
            if let appointment = self.booking.replacing {
                self.stage = .rescheduling(slot)
                return [.reschedule(appointmentID: appointment.id, to: slot)]
            }
            // Every booking starts by identifying the caller; should that order ever change, identify them and
            // start again rather than book for no one.
            guard let patient = self.patient else { return self.identify(for: .book(Slots())) }
            self.stage = .booking(slot)
            return [.book(BookingRequest(slot: slot, callerNumber: self.callerNumber, patientID: patient.id))]
        case .no:
            guard let next = self.booking.alternatives.first else {
                self.booking.day = nil
                self.booking.time = nil
                return self.ask(.time, self.askTimePrompt)
            }
            self.booking.alternatives.removeFirst()
            return self.ask(.confirmation(next), self.prompts.offer(next))
        case nil:
            return self.fail(.confirmation(slot))
        }
    }

    /// The schedule's answer to a `book` or, when moving an appointment, a `reschedule` action.
    mutating func finishBooking(_ slot: SlotOffer, _ outcome: BookingOutcome) -> [DialogueAction] {
        switch outcome {
        case .booked:
            let isMove = self.booking.replacing != nil
            self.progress.done.insert(isMove ? .rescheduled : .booked)
            let readBack = isMove ? self.prompts.movedReadBack(slot) : self.prompts.readBack(slot)
            self.booking.replacing = nil
            return self.ask(.anythingElse, readBack, self.prompts.anythingElse)
        case .unavailable:
            guard let next = self.booking.alternatives.first else {
                return self.setback(self.prompts.slotTaken, retry: true)
            }
            self.booking.alternatives.removeFirst()
            return self.ask(.confirmation(next), self.prompts.slotTaken, self.prompts.offer(next))
        }
    }

    /// No slot, or a slot lost: ask for another time (or search again), until the limit sends the call to staff.
    mutating func setback(_ prompt: Prompt, retry: Bool = false) -> [DialogueAction] {
        self.booking.setbackCount += 1
        guard self.booking.setbackCount < Self.setbackLimit else { return self.transfer(.noSlot) }
        if retry { return [.speak(prompt)] + self.nextBookingStep() }
        self.booking.day = nil
        self.booking.time = nil
        return self.ask(.time, prompt)
    }

    static func says(_ turn: TurnResult, anyOf words: Set<Substring>) -> Bool {
        turn.text.lowercased().split { !$0.isLetter }.contains { words.contains($0) }
    }
}

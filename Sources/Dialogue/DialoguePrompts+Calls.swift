import Foundation
import Practice

/// The sentences of identification, cancelling, moving, keypad entry and after-hours calls.
extension DialoguePrompts {
    var askName: Prompt { self.fixed("identity.name", "May I have your first and last name, please?") }

    var askDateOfBirth: Prompt { self.fixed("identity.dateOfBirth", "Thank you. And your date of birth?") }

    func isPatient(_ patient: PatientSummary) -> Prompt {
        self.dynamic("identity.isPatient", "Am I speaking with \(patient.name)?")
    }

    func thanks(_ patient: PatientSummary) -> Prompt {
        self.dynamic("identity.thanks", "Thank you, \(patient.firstName).")
    }

    /// The name and date of birth read back before a new patient is registered.
    func register(_ newPatient: NewPatient) -> Prompt {
        self.dynamic(
            "identity.register",
            "I can't find you in our records. Shall I register you as a new patient: \(newPatient.name), born "
                + "\(SpokenTime.birthday(newPatient.dateOfBirth))?")
    }

    func registered(_ patient: PatientSummary) -> Prompt {
        self.dynamic("identity.registered", "Thank you. I have registered you as a new patient, \(patient.name).")
    }

    var tryAgain: Prompt { self.fixed("identity.tryAgain", "Sorry about that. Let's try again.") }

    var askCallbackNumber: Prompt {
        self.fixed("message.callbackNumber", "What number should the team call you back on?")
    }

    /// The keypad entry offered after two failed reprompts for a date of birth or a number.
    func keypadEntry(_ context: ListenContext) -> Prompt {
        let text =
            switch context {
            case .dateOfBirth: "Please type your date of birth as eight digits, month, day, year, then the hash key."
            case .yesNo: "Sorry, I still didn't catch that. Please press 1 for yes, or 2 for no."
            default: "Please type the number on your keypad, starting with the area code, then the hash key."
            }
        return self.fixed("keypad.\(context.rawValue)", text)
    }

    func stillThereForKeypad(_ context: ListenContext) -> Prompt {
        self.fixed("silence.keypad.\(context.rawValue)", "Are you still there? " + self.keypadEntry(context).text)
    }

    /// The message request: who it is from is asked only of a caller not identified.
    func message(_ topic: MessageTopic, isIdentified: Bool, isAfterHours: Bool) -> Prompt {
        if topic == .prescription, isIdentified {
            return self.fixed(
                "message.prescription.medication",
                "I'll take a message for the doctor about your prescription. Which medication would you like "
                    + "renewed, and is there anything the doctor should know?")
        }
        if isAfterHours, topic == .general {
            return self.fixed(
                "message.afterHours",
                "I'll take a message and the team will call you back when we open. Please say your name, your date "
                    + "of birth and your message.")
        }
        guard isIdentified else { return self.message(topic) }
        let base = self.message(topic)
        let text = base.text.replacingOccurrences(
            of: " Please say your name, your date of birth and your message.", with: " Please say your message.")
        return self.fixed(base.key + ".identified", text)
    }

    var noAppointments: Prompt {
        self.fixed("appointments.none", "I can't find any upcoming appointments for you.")
    }

    /// One appointment asked about: the first (saying how many there are when more than one) or the next.
    func appointment(_ appointment: AppointmentSummary, count: Int, isFirst: Bool, isMoving: Bool) -> Prompt {
        let when = SpokenTime.instant(appointment.start, in: self.practice) ?? "a date I cannot read"
        let question = isMoving ? "Is that the one you would like to move?" : "Shall I cancel it?"
        let text: String
        if !isFirst {
            text = "The next is with \(appointment.doctor) on \(when). \(question)"
        } else if count > 1 {
            text =
                "You have \(count) upcoming appointments. The first is with \(appointment.doctor) on \(when). \(question)"
        } else {
            text = "You have an appointment with \(appointment.doctor) on \(when). \(question)"
        }
        return self.dynamic(isMoving ? "appointments.move" : "appointments.cancel", text)
    }

    var nothingChanged: Prompt { self.fixed("appointments.unchanged", "All right, I haven't changed anything.") }

    func cancelled(_ appointment: AppointmentSummary) -> Prompt {
        let when = SpokenTime.instant(appointment.start, in: self.practice) ?? "that time"
        return self.dynamic(
            "appointments.cancelled", "Your appointment with \(appointment.doctor) on \(when) is cancelled.")
    }

    var notBooked: Prompt {
        self.fixed("appointments.notBooked", "That appointment is no longer in our schedule, so nothing has changed.")
    }

    var askNewTime: Prompt { self.fixed("ask.newTime", "What day and time would you like to move it to?") }

    func movedReadBack(_ slot: SlotOffer) -> Prompt {
        let when = SpokenTime.instant(slot.start, in: self.practice) ?? "the time we agreed"
        return self.dynamic("booking.moved", "Your appointment is moved to \(when) with \(slot.doctor).")
    }

    /// Closed, and when the practice opens next.
    func closedGreeting(now: Date) -> Prompt {
        var text = "Thank you for calling \(self.practice.name). We are closed right now"
        if let next = self.practice.nextOpening(after: now), let when = SpokenTime.instant(next, in: self.practice) {
            text += " and open again on \(when)"
        }
        return self.dynamic("afterHours.closed", text + ".")
    }

    func afterHoursTransfer(_ target: TransferTarget) -> Prompt {
        self.fixed("afterHours.transfer", "I am putting you through to \(target.name) now.")
    }
}

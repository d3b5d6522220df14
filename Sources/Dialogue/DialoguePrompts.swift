import Foundation
import Practice

/// Every sentence the controller says, built from the practice configuration.
///
/// Fixed prompts (`isFixed`) depend only on the practice; the rest carry a time, a doctor or an answer computed for
/// this call.
struct DialoguePrompts: Sendable {
    let practice: PracticeConfiguration

    func fixed(_ key: String, _ text: String) -> Prompt { Prompt(key: key, text: text, isFixed: true) }
    func dynamic(_ key: String, _ text: String) -> Prompt { Prompt(key: key, text: text, isFixed: false) }

    private var doctorNames: String { SpokenTime.list(self.practice.doctors.map(\.name)) }

    var greeting: Prompt {
        self.fixed("greeting", "Thank you for calling \(self.practice.name). How can I help you today?")
    }

    /// The safety instruction: the practice's own `faq.emergency` answer when it has one, else a sentence naming
    /// its emergency number.
    var safetyInstruction: Prompt {
        let text =
            self.practice.faq["emergency"]
            ?? "If this is an emergency, hang up and call \(self.practice.emergencyNumber) now."
        return self.fixed("urgent.safety", text)
    }

    var urgentTransfer: Prompt { self.fixed("urgent.transfer", "I am putting you through to our staff now.") }

    var transferring: Prompt { self.fixed("transfer", "Please hold while I put you through to our staff.") }

    var askDoctor: Prompt {
        self.fixed(
            "ask.doctor",
            "Would you like to see a particular doctor? We have \(self.doctorNames), or I can find the first "
                + "doctor available.")
    }

    var askTime: Prompt { self.fixed("ask.time", "What day and time would suit you?") }

    var checking: Prompt { self.fixed("booking.checking", "One moment while I check the schedule.") }

    var noSlot: Prompt {
        self.fixed("booking.none", "I'm sorry, I could not find a free time for that. What other day would suit you?")
    }

    var slotTaken: Prompt { self.fixed("booking.taken", "I'm sorry, that time has just been taken.") }

    var anythingElse: Prompt { self.fixed("anythingElse", "Is there anything else I can help you with?") }

    var whatElse: Prompt { self.fixed("anythingElse.what", "What else can I help you with?") }

    var goodbye: Prompt { self.fixed("goodbye", "Thank you for calling \(self.practice.name). Goodbye.") }

    var silenceGoodbye: Prompt {
        self.fixed(
            "silence.goodbye", "I'm sorry, I can't hear you. Please call again. Thank you for calling. Goodbye.")
    }

    var messageThanks: Prompt {
        self.fixed("message.thanks", "Thank you. I have passed your message on, and the team will call you back.")
    }

    func message(_ topic: MessageTopic) -> Prompt {
        let text: String
        switch topic {
        case .prescription:
            text = "I'll take a message for the doctor about your prescription."
        case .results:
            text = "I can't give results over the phone, but I'll take a message and the doctor's team will call you."
        case .cancel:
            text = "I'll take a message and the team will call you back to cancel your appointment."
        case .reschedule:
            text = "I'll take a message and the team will call you back to move your appointment."
        case .general:
            text = "I'll take a message and the team will call you back."
        }
        return self.fixed(
            "message.\(topic.rawValue)", text + " Please say your name, your date of birth and your message.")
    }

    /// The reprompt for `context` after `failureCount` failed answers (1 or 2), each narrower than the last.
    func reprompt(_ context: ListenContext, failureCount: Int) -> Prompt {
        let second = failureCount >= 2
        let text: String
        switch context {
        case .intent:
            text =
                second
                ? "You can say: book an appointment, prescription, test results, opening hours, address, or speak "
                    + "to someone."
                : "Sorry, I didn't catch that. Are you calling to book an appointment, about a prescription or "
                    + "results, or about our hours or address?"
        case .doctor:
            let example = self.practice.doctors.first?.name ?? "the doctor's name"
            text =
                second
                ? "Please say just the doctor's name, for example \(example), or say any doctor."
                : "Sorry, which doctor would you like: \(self.doctorNames)? Or say any doctor."
        case .time:
            text =
                second
                ? "Please say just a day, such as Monday, or say earliest for the first free time."
                : "Sorry, what day would suit you, for example tomorrow morning or next Tuesday?"
        case .yesNo:
            text = second ? "Please say yes or no, or press 1 for yes and 2 for no." : "Sorry, was that a yes or a no?"
        case .message:
            text = "Sorry, I didn't hear a message. Please say your name, your date of birth and your message."
        case .name:
            text =
                second
                ? "Please say just your first and last name, for example Maria Lopez."
                : "Sorry, I didn't catch your name. Please say your first and last name."
        case .dateOfBirth:
            text =
                second
                ? "Please say your date of birth like this: the fourth of July, nineteen eighty."
                : "Sorry, I didn't catch your date of birth. Please say the month, the day and the year."
        case .digits:
            text =
                second
                ? "Please say the number one digit at a time, starting with the area code."
                : "Sorry, I didn't catch that. What number should we call you back on?"
        }
        return self.fixed("reprompt.\(context.rawValue).\(second ? 2 : 1)", text)
    }

    /// The question asked again after a silence.
    func stillThere(_ context: ListenContext) -> Prompt {
        self.fixed(
            "silence.\(context.rawValue)", "Are you still there? " + self.reprompt(context, failureCount: 1).text)
    }

    func offer(_ slot: SlotOffer) -> Prompt {
        let when = SpokenTime.instant(slot.start, in: self.practice) ?? "the next free time"
        return self.dynamic("booking.offer", "I have \(when) with \(slot.doctor). Would that suit you?")
    }

    func readBack(_ slot: SlotOffer) -> Prompt {
        let when = SpokenTime.instant(slot.start, in: self.practice) ?? "the time we agreed"
        return self.dynamic("booking.readBack", "You are booked with \(slot.doctor) on \(when).")
    }

    /// Open now or when next open, then the weekly hours.
    func hours(now: Date) -> Prompt {
        var status = ""
        if self.practice.isOpen(at: now), let (date, time) = self.practice.localTime(of: now),
            let range = self.practice.openingRanges(on: date).first(where: { $0.contains(time) })
        {
            status = "We are open now until \(SpokenTime.clock(range.end)). "
        } else if let next = self.practice.nextOpening(after: now),
            let when = SpokenTime.instant(next, in: self.practice)
        {
            status = "We are closed right now and open again on \(when). "
        }
        return self.dynamic(
            "answer.hours", status + "Our hours are \(SpokenTime.weeklyHours(self.practice.openingHours)).")
    }

    var address: Prompt {
        let directions = self.practice.directions.map { " " + $0 } ?? ""
        return self.fixed("answer.address", "We are at \(self.practice.address).\(directions)")
    }

    var doctors: Prompt { self.fixed("answer.doctors", "Our doctors are \(self.doctorNames).") }
}

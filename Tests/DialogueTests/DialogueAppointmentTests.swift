import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

@Suite("Dialogue controller: cancelling and moving appointments")
struct DialogueAppointmentTests {
    /// Wednesday December 9 at 10 AM with Dr. Lee.
    static let wednesday = AppointmentSummary(id: 41, doctor: "Dr. Lee", start: TestCall.instant(2026, 12, 9, 10, 0))
    /// Friday December 18 at 2:30 PM with Dr. Grant.
    static let friday = AppointmentSummary(id: 42, doctor: "Dr. Grant", start: TestCall.instant(2026, 12, 18, 14, 30))
    static let thursdayNine = SlotOffer(doctor: "Dr. Lee", start: TestCall.instant(2026, 12, 10, 9, 0))
    static let thursdayTen = SlotOffer(doctor: "Dr. Lee", start: TestCall.instant(2026, 12, 10, 10, 0))

    /// Maria asks to cancel and is identified; the agent asks the store for her appointments.
    static func cancelling() -> TestCall {
        var call = TestCall()
        let actions = call.identified(after: "I need to cancel my appointment")
        #expect(
            actions == [
                .speak(DialoguePrompts(practice: TestCall.practice).thanks(TestCall.maria)),
                .findAppointments(patientID: 7),
            ])
        _ = call.send(.promptFinished)
        return call
    }

    static func rescheduling(_ request: String = "I need to reschedule my appointment") -> TestCall {
        var call = TestCall()
        _ = call.identified(after: request)
        _ = call.send(.promptFinished)
        return call
    }

    // MARK: Cancel

    @Test("one appointment: read out, yes cancels it, confirmed, anything else")
    func cancelOne() {
        var call = Self.cancelling()

        let ask = call.send(.appointmentsFound([Self.wednesday]))
        #expect(
            ask.spoken == [
                "You have an appointment with Dr. Lee on Wednesday, December 9 at 10 AM. Shall I cancel it?"
            ])
        #expect(ask.last == .listen(context: .yesNo))
        #expect(call.controller.awaitedAnswer == .confirm)

        #expect(call.say("yes please") == [.cancel(appointmentID: 41)])
        #expect(call.controller.awaitedAnswer == nil)

        let done = call.send(.cancellationFinished(.cancelled))
        #expect(done.spoken.first == "Your appointment with Dr. Lee on Wednesday, December 9 at 10 AM is cancelled.")
        #expect(done.keys.last == "anythingElse")
        #expect(call.controller.outcome == .cancelled)
        #expect(call.controller.callIntent == .cancel)
    }

    @Test("no upcoming appointments: said so, anything else")
    func cancelNone() {
        var call = Self.cancelling()
        let actions = call.send(.appointmentsFound([]))

        #expect(actions.keys == ["appointments.none", "anythingElse"])
        #expect(call.controller.awaitedAnswer == .anythingElse)
    }

    @Test("several: the nearest first, then the next after a no; keypad 1 picks it")
    func cancelSeveral() {
        var call = Self.cancelling()

        let first = call.send(.appointmentsFound([Self.friday, Self.wednesday]))
        #expect(first.spoken.first?.hasPrefix("You have 2 upcoming appointments. The first is with Dr. Lee") == true)

        let next = call.say("no, not that one")
        #expect(
            next.spoken == ["The next is with Dr. Grant on Friday, December 18 at 2:30 PM. Shall I cancel it?"])
        #expect(call.send(.dtmf(digits: "1")) == [.cancel(appointmentID: 42)])
    }

    @Test("no to every appointment changes nothing")
    func cancelDeclined() {
        var call = Self.cancelling()
        _ = call.send(.appointmentsFound([Self.wednesday]))

        #expect(call.say("no").keys == ["appointments.unchanged", "anythingElse"])
        _ = call.send(.promptFinished)
        _ = call.say("no thanks")
        #expect(call.send(.promptFinished) == [.hangUp])
        #expect(call.controller.outcome == .abandoned)
    }

    @Test("an appointment no longer booked: nothing changed, said so")
    func cancelNotBooked() {
        var call = Self.cancelling()
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.say("yes")

        #expect(call.send(.cancellationFinished(.notBooked)).keys == ["appointments.notBooked", "anythingElse"])
        #expect(call.controller.outcome == .abandoned)
    }

    @Test("an unclear answer to shall I cancel it asks yes or no")
    func cancelUnclear() {
        var call = Self.cancelling()
        _ = call.send(.appointmentsFound([Self.wednesday]))

        #expect(call.say("hmm").keys == ["reprompt.yesNo.1"])
    }

    @Test("silence at shall I cancel it asks again")
    func cancelSilence() {
        var call = Self.cancelling()
        _ = call.send(.appointmentsFound([Self.wednesday]))

        #expect(call.send(.silenceTimeout).keys == ["silence.yesNo"])
    }

    @Test("hang-up while the cancellation is pending: its result is ignored")
    func cancelHangUp() {
        var call = Self.cancelling()
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.say("yes")
        _ = call.send(.hangUp)

        #expect(call.send(.cancellationFinished(.cancelled)) == [])
        #expect(call.controller.outcome == .abandoned)
    }

    // MARK: Reschedule

    @Test("move: pick it, the new time with the same doctor, the offer, yes, moved, read back")
    func rescheduleHappyPath() {
        var call = Self.rescheduling()

        let ask = call.send(.appointmentsFound([Self.wednesday]))
        #expect(ask.spoken.first?.hasSuffix("Is that the one you would like to move?") == true)

        let askTime = call.sayAndListen("yes")
        #expect(askTime.keys == ["ask.newTime"])
        #expect(call.controller.awaitedAnswer == .time)

        let find = call.say("thursday morning")
        let query = find.compactMap { if case .findSlots(let query) = $0 { query } else { nil } }.first
        #expect(query?.doctor == "Dr. Lee")
        #expect(query?.time == .partOfDay(.morning))

        _ = call.send(.offer(slots: [Self.thursdayNine, Self.thursdayTen]))
        #expect(call.say("yes") == [.reschedule(appointmentID: 41, to: Self.thursdayNine)])
        #expect(call.send(.bookingFinished(.booked)) == [])

        let moved = call.send(.rescheduleFinished(.booked))
        #expect(moved.spoken.first == "Your appointment is moved to Thursday, December 10 at 9 AM with Dr. Lee.")
        #expect(moved.keys.last == "anythingElse")
        #expect(call.controller.outcome == .rescheduled)
        #expect(call.controller.callIntent == .reschedule)
    }

    @Test("a new time said with the request goes straight to the schedule once the appointment is picked")
    func rescheduleWithTime() {
        var call = Self.rescheduling("I need to reschedule my appointment to thursday morning")
        _ = call.send(.appointmentsFound([Self.wednesday]))

        let find = call.say("yes")
        #expect(find.contains { if case .findSlots(let query) = $0 { query.doctor == "Dr. Lee" } else { false } })
    }

    @Test("the new slot taken at the last moment offers the alternative")
    func rescheduleTaken() {
        var call = Self.rescheduling("I need to reschedule my appointment to thursday morning")
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.say("yes")
        _ = call.send(.offer(slots: [Self.thursdayNine, Self.thursdayTen]))
        _ = call.say("yes")

        let next = call.send(.rescheduleFinished(.unavailable))
        #expect(next.keys == ["booking.taken", "booking.offer"])
        #expect(call.say("yes") == [.reschedule(appointmentID: 41, to: Self.thursdayTen)])
    }

    @Test("declining every new time asks for another")
    func rescheduleDeclined() {
        var call = Self.rescheduling("I need to reschedule my appointment to thursday morning")
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.say("yes")
        _ = call.send(.offer(slots: [Self.thursdayNine]))

        #expect(call.say("no").keys == ["ask.newTime"])
    }

    @Test("an unclear answer to which one to move asks yes or no; silence asks again")
    func rescheduleUnclear() {
        var call = Self.rescheduling()
        _ = call.send(.appointmentsFound([Self.wednesday]))

        #expect(call.sayAndListen("hmm").keys == ["reprompt.yesNo.1"])
        #expect(call.send(.silenceTimeout).keys == ["silence.yesNo"])
    }

    @Test("silence at the new time question asks again")
    func rescheduleSilence() {
        var call = Self.rescheduling()
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.sayAndListen("yes")

        #expect(call.send(.silenceTimeout).keys == ["silence.time"])
    }

    @Test("hang-up while a move is pending: its result is ignored and nothing is counted")
    func rescheduleHangUp() {
        var call = Self.rescheduling("I need to reschedule my appointment to thursday morning")
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.say("yes")
        _ = call.send(.offer(slots: [Self.thursdayNine]))
        _ = call.say("yes")
        _ = call.send(.hangUp)

        #expect(call.send(.rescheduleFinished(.booked)) == [])
        #expect(call.controller.outcome == .abandoned)
    }

    @Test("no appointments to move: said so")
    func rescheduleNone() {
        var call = Self.rescheduling()

        #expect(call.send(.appointmentsFound([])).keys == ["appointments.none", "anythingElse"])
    }

    @Test("a new booking after a move books, and does not move anything")
    func bookAfterMove() {
        var call = Self.rescheduling("I need to reschedule my appointment to thursday morning")
        _ = call.send(.appointmentsFound([Self.wednesday]))
        _ = call.say("yes")
        _ = call.send(.offer(slots: [Self.thursdayNine]))
        _ = call.say("yes")
        _ = call.send(.rescheduleFinished(.booked))
        _ = call.send(.promptFinished)

        _ = call.say("yes, I'd also like to book with Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [DialogueBookingTests.tuesdayNine]))
        #expect(call.say("yes").containsBook)
    }
}

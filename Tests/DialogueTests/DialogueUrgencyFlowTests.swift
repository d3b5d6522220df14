import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

/// Urgency in the states identification, cancelling and moving add: the same escalation, and nothing is booked,
/// cancelled, moved or registered after it.
@Suite("Dialogue controller: urgent calls in the identity, cancel and move flows")
struct DialogueUrgencyFlowTests {
    let urgency = DialogueUrgencyTests()

    /// After an escalation every store answer is ignored.
    func expectNothingAfter(_ call: inout TestCall) {
        #expect(call.controller.hasEnded)
        #expect(call.send(.patientsFound([TestCall.maria])) == [])
        #expect(call.send(.patientRegistered(TestCall.maria)) == [])
        #expect(call.send(.appointmentsFound([DialogueAppointmentTests.wednesday])) == [])
        #expect(call.send(.cancellationFinished(.cancelled)) == [])
        #expect(call.send(.rescheduleFinished(.booked)) == [])
        #expect(call.send(.dtmf(digits: "1")) == [])
        #expect(call.controller.outcome == .transferred)
        #expect(call.controller.awaitedAnswer == nil)
    }

    @Test("urgent at am I speaking with")
    func atIsPatient() throws {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")
        _ = call.send(.patientsFound([TestCall.maria]))
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: true)
        self.expectNothingAfter(&call)
    }

    @Test("urgent while the caller is looked up")
    func whileLookingUp() throws {
        var call = TestCall()
        _ = call.sayAndListen("I'd like to make an appointment")
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }

    @Test("urgent at the name question")
    func atName() throws {
        var call = DialogueIdentityTests.unknownCaller()
        try self.urgency.expectEscalation(call.say("she's having a seizure"), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }

    @Test("urgent at the date of birth question, mid-prompt")
    func atDateOfBirth() throws {
        var call = DialogueIdentityTests.unknownCaller()
        _ = call.say("Maria Lopez")
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: true)
        self.expectNothingAfter(&call)
    }

    @Test("urgent while keypad entry is awaited")
    func atKeypad() throws {
        var call = DialogueIdentityTests.askedDateOfBirth()
        for text in ["I don't remember", "sometime in spring", "no idea"] { _ = call.sayAndListen(text) }
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        #expect(call.send(.dtmf(digits: "03091984")) == [])
        self.expectNothingAfter(&call)
    }

    @Test("urgent while a new patient is registered: nothing follows the registration")
    func whileRegistering() throws {
        var call = DialogueIdentityTests.askedDateOfBirth()
        _ = call.say("march ninth nineteen eighty four")
        _ = call.send(.patientsFound([]))
        _ = call.send(.promptFinished)
        _ = call.say("yes")
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }

    @Test("urgent at the registration read-back: no one is registered")
    func atRegistrationReadBack() throws {
        var call = DialogueIdentityTests.askedDateOfBirth()
        _ = call.say("march ninth nineteen eighty four")
        _ = call.send(.patientsFound([]))
        let actions = call.say(DialogueUrgencyTests.urgentText)
        try self.urgency.expectEscalation(actions, stopsSpeaking: true)
        #expect(!actions.contains { if case .registerPatient = $0 { true } else { false } })
        self.expectNothingAfter(&call)
    }

    @Test("urgent while the appointments are read")
    func whileFindingAppointments() throws {
        var call = DialogueAppointmentTests.cancelling()
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }

    @Test("urgent at shall I cancel it: nothing is cancelled")
    func atCancel() throws {
        var call = DialogueAppointmentTests.cancelling()
        _ = call.send(.appointmentsFound([DialogueAppointmentTests.wednesday]))
        let actions = call.say("yes but my chest hurts really bad right now")
        try self.urgency.expectEscalation(actions, stopsSpeaking: true)
        #expect(!actions.contains(.cancel(appointmentID: 41)))
        self.expectNothingAfter(&call)
    }

    @Test("urgent while the cancellation is pending: its result is ignored")
    func whileCancelling() throws {
        var call = DialogueAppointmentTests.cancelling()
        _ = call.send(.appointmentsFound([DialogueAppointmentTests.wednesday]))
        _ = call.sayAndListen("yes")
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }

    @Test("urgent at the new time question")
    func atNewTime() throws {
        var call = DialogueAppointmentTests.rescheduling()
        _ = call.send(.appointmentsFound([DialogueAppointmentTests.wednesday]))
        _ = call.sayAndListen("yes")
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }

    @Test("urgent while a move is pending: nothing is moved after it")
    func whileRescheduling() throws {
        var call = DialogueAppointmentTests.rescheduling("I need to reschedule my appointment to thursday morning")
        _ = call.send(.appointmentsFound([DialogueAppointmentTests.wednesday]))
        _ = call.say("yes")
        _ = call.send(.offer(slots: [DialogueAppointmentTests.thursdayNine]))
        _ = call.sayAndListen("yes")
        try self.urgency.expectEscalation(call.say(DialogueUrgencyTests.urgentText), stopsSpeaking: false)
        self.expectNothingAfter(&call)
    }
}

@Suite("Dialogue controller: call outcome and intent")
struct DialogueOutcomeTests {
    @Test("no outcome before the call starts; abandoned until something is done")
    func beforeAndDuring() {
        var controller = DialogueController(practice: TestCall.practice)
        #expect(controller.outcome == nil)
        #expect(controller.callIntent == nil)

        _ = controller.handle(.callStarted(callerNumber: nil, now: TestCall.monday()))
        #expect(controller.outcome == .abandoned)
    }

    @Test("a hang-up after the greeting is abandoned")
    func hangUp() {
        var call = TestCall()
        _ = call.send(.hangUp)

        #expect(call.controller.outcome == .abandoned)
        #expect(call.controller.callIntent == nil)
    }

    @Test("the silence goodbye before anything is done is abandoned")
    func silence() {
        var call = TestCall()
        _ = call.send(.silenceTimeout)
        _ = call.send(.silenceTimeout)
        _ = call.send(.promptFinished)

        #expect(call.controller.outcome == .abandoned)
    }

    @Test("a question answered, then goodbye, is answered")
    func answered() {
        var call = TestCall()
        _ = call.sayAndListen("where are you located")
        _ = call.say("no thanks")

        #expect(call.controller.outcome == .answered)
        #expect(call.controller.callIntent == .address)
    }

    @Test("the doctor list is an answer too, with no confident intent")
    func doctorList() {
        var call = TestCall()
        _ = call.say("which doctors do you have")

        #expect(call.controller.outcome == .answered)
        #expect(call.controller.callIntent == nil)
    }

    @Test("a booking beats an answer; the first confident request gives the intent")
    func bookedAfterAnswer() {
        var call = TestCall()
        _ = call.sayAndListen("what are your hours")
        _ = call.identified(after: "yes I'd like to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [DialogueBookingTests.tuesdayNine]))
        _ = call.say("yes")
        _ = call.send(.bookingFinished(.booked))

        #expect(call.controller.outcome == .booked)
        #expect(call.controller.callIntent == .hours)
    }

    @Test("a transfer after a booking is transferred")
    func transferredAfterBooking() {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [DialogueBookingTests.tuesdayNine]))
        _ = call.say("yes")
        _ = call.send(.bookingFinished(.booked))
        _ = call.send(.promptFinished)
        _ = call.say("yes, can I speak to a real person")

        #expect(call.controller.outcome == .transferred)
        #expect(call.controller.callIntent == .book)
    }

    @Test("a request too weak to act on gives no intent; the next confident one does")
    func weakThenConfident() {
        var call = TestCall()
        _ = call.send(.turn(TurnResult(text: "book maybe", intent: .book, confidence: 0.3)))
        #expect(call.controller.callIntent == nil)

        _ = call.say("I need a refill on my inhaler")
        #expect(call.controller.callIntent == .prescription)
    }

    @Test("the raw values a call record stores")
    func rawValues() {
        #expect(CallOutcome.messageTaken.rawValue == "message_taken")
        #expect(
            CallOutcome.allCases.map(\.rawValue) == [
                "booked", "cancelled", "rescheduled", "answered", "message_taken", "transferred", "abandoned",
            ])
    }
}

import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

/// Urgency interrupts every state: stop speaking if the agent is, the safety instruction, staff; nothing after.
@Suite("Dialogue controller: urgent calls")
struct DialogueUrgencyTests {
    static let urgentText = "my husband has chest pain and can't breathe"

    /// The actions an urgent turn must give: the safety instruction naming 911, then a transfer to Reception.
    func expectEscalation(_ actions: [DialogueAction], stopsSpeaking: Bool) throws {
        let reception = try #require(TestCall.reception)
        let rest = stopsSpeaking ? Array(actions.dropFirst()) : actions

        #expect((actions.first == .stopSpeaking) == stopsSpeaking)
        #expect(rest.keys == ["urgent.safety", "urgent.transfer"])
        #expect(rest.spoken.first?.contains("call 911") == true)
        #expect(rest.last == .transfer(target: reception, reason: .urgent))
        #expect(!actions.containsBook)
        #expect(actions.listenContext == nil)
    }

    /// After an escalation nothing else happens.
    func expectEnded(_ call: inout TestCall) {
        #expect(call.controller.hasEnded)
        #expect(call.say("I'd like to make an appointment") == [])
        #expect(call.send(.bookingFinished(.booked)) == [])
        #expect(call.send(.silenceTimeout) == [])
    }

    @Test("urgent during the greeting stops it")
    func duringGreeting() throws {
        var call = TestCall()
        try self.expectEscalation(call.say(Self.urgentText), stopsSpeaking: true)
        self.expectEnded(&call)
    }

    @Test("urgent after a barge-in: the agent has already stopped")
    func afterBargeIn() throws {
        var call = TestCall()
        #expect(call.send(.bargeIn) == [.stopSpeaking])
        try self.expectEscalation(call.say(Self.urgentText), stopsSpeaking: false)
        self.expectEnded(&call)
    }

    @Test("urgent while waiting for a doctor")
    func waitingForDoctor() throws {
        var call = TestCall()
        _ = call.send(.promptFinished)
        _ = call.identified(after: "I'd like to make an appointment")
        _ = call.send(.promptFinished)
        try self.expectEscalation(call.say("actually she's having a seizure"), stopsSpeaking: false)
        self.expectEnded(&call)
    }

    @Test("urgent while waiting for a time, mid-prompt")
    func waitingForTime() throws {
        var call = TestCall()
        _ = call.identified(after: "I'd like to make an appointment")
        _ = call.send(.promptFinished)
        _ = call.say("Dr. Patel")
        try self.expectEscalation(call.say("he just passed out and won't wake up"), stopsSpeaking: true)
        self.expectEnded(&call)
    }

    @Test("urgent while confirming an offer: nothing is booked")
    func confirming() throws {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [DialogueBookingTests.tuesdayNine]))
        _ = call.send(.promptFinished)
        try self.expectEscalation(call.say("yes but my chest hurts really bad right now"), stopsSpeaking: false)
        #expect(call.send(.dtmf(digits: "1")) == [])
        self.expectEnded(&call)
    }

    @Test("urgent while a booking is pending: its result is ignored")
    func bookingPending() throws {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [DialogueBookingTests.tuesdayNine]))
        _ = call.sayAndListen("yes")
        try self.expectEscalation(call.say(Self.urgentText), stopsSpeaking: false)
        self.expectEnded(&call)
    }

    @Test("urgent while a message is being taken")
    func takingMessage() throws {
        var call = TestCall()
        _ = call.identified(after: "I need a refill on my inhaler")
        _ = call.send(.promptFinished)
        try self.expectEscalation(call.say("I can't breathe"), stopsSpeaking: false)
    }

    @Test("urgent during the goodbye: the call is transferred, not hung up")
    func duringGoodbye() throws {
        var call = TestCall()
        _ = call.sayAndListen("what are your hours")
        _ = call.say("no")
        try self.expectEscalation(call.say(Self.urgentText), stopsSpeaking: true)
        #expect(call.send(.promptFinished) == [])
    }

    @Test("the spotter alone (no text category) escalates too")
    func spotterOnly() throws {
        var call = TestCall()
        let turn = TurnResult(text: "", intent: .other, confidence: 0, isUrgent: true)
        try self.expectEscalation(call.send(.turn(turn)), stopsSpeaking: true)
    }
}

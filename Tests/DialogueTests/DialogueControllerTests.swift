import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

@Suite("Dialogue controller: greeting, answers, messages, reprompts, silence")
struct DialogueControllerTests {
    @Test("the greeting names the practice and listens for the request")
    func greeting() {
        var controller = DialogueController(practice: TestCall.practice)
        let actions = controller.handle(.callStarted(callerNumber: nil, now: TestCall.monday()))

        #expect(actions.spoken == ["Thank you for calling Riverside Family Practice. How can I help you today?"])
        #expect(actions.keys == ["greeting"])
        #expect(actions.last == .listen(context: .intent))
    }

    @Test("events before the call starts and after it ends do nothing")
    func outsideTheCall() {
        var controller = DialogueController(practice: TestCall.practice)
        #expect(controller.handle(.silenceTimeout) == [])
        #expect(controller.handle(.bargeIn) == [])

        _ = controller.handle(.callStarted(callerNumber: nil, now: TestCall.monday()))
        #expect(controller.handle(.hangUp) == [])
        #expect(controller.hasEnded)
        #expect(controller.handle(.turn(TurnResult(text: "hello", intent: .hours, confidence: 0.9))) == [])
    }

    @Test("hours while open: open until closing, then the weekly table, then anything else")
    func hoursWhileOpen() throws {
        var call = TestCall(now: TestCall.monday(10, 15))
        let actions = call.say("what are your hours")
        let text = try #require(actions.spoken.first)

        #expect(text.contains("open now until 6 PM"))
        #expect(text.contains("Monday to Friday 8:30 AM to 6 PM"))
        #expect(text.contains("Saturday 9 AM to noon"))
        #expect(text.contains("closed on Sunday"))
        #expect(actions.spoken.last == "Is there anything else I can help you with?")
        #expect(actions.last == .listen(context: .intent))
    }

    @Test("a call while closed names the next opening")
    func hoursWhileClosed() throws {
        var controller = DialogueController(practice: TestCall.practice)
        let sunday = TestCall.instant(2026, 12, 6, 11, 0)
        let text = try #require(controller.handle(.callStarted(callerNumber: nil, now: sunday)).spoken.first)

        #expect(text.contains("closed right now and open again on Monday, December 7 at 8:30 AM"))
    }

    @Test("a call on Christmas Day skips the closed day")
    func hoursOnAHoliday() throws {
        var controller = DialogueController(practice: TestCall.practice)
        let christmas = TestCall.instant(2026, 12, 25, 10, 0)
        let text = try #require(controller.handle(.callStarted(callerNumber: nil, now: christmas)).spoken.first)

        #expect(text.contains("open again on Saturday, December 26 at 9 AM"))
    }

    @Test("the address and the directions come from the configuration")
    func address() throws {
        var call = TestCall()
        let text = try #require(call.say("where are you located").spoken.first)

        #expect(text.contains(TestCall.practice.address))
        #expect(text.contains(try #require(TestCall.practice.directions)))
    }

    @Test("which doctors: every doctor named")
    func doctors() throws {
        var call = TestCall()
        let text = try #require(call.say("which doctors do you have").spoken.first)

        #expect(text == "Our doctors are Dr. Grant, Dr. Patel and Dr. Lee.")
    }

    @Test("asking for a person transfers to the first transfer target")
    func human() throws {
        var call = TestCall()
        let actions = call.say("can I speak to a real person")
        let reception = try #require(TestCall.reception)

        #expect(actions.last == .transfer(target: reception, reason: .callerAsked))
        #expect(call.controller.hasEnded)
    }

    @Test("keypad 0 transfers from any question")
    func keypadZero() throws {
        var call = TestCall()
        let reception = try #require(TestCall.reception)

        #expect(call.send(.dtmf(digits: "0")).last == .transfer(target: reception, reason: .callerAsked))
    }

    @Test(
        "prescriptions and results identify the caller, take a message and never give results",
        arguments: [
            ("I need a refill on my inhaler", MessageTopic.prescription, AnswerSlot.reason),
            ("I'm calling about my test results", .results, .message),
        ])
    func message(text: String, topic: MessageTopic, awaited: AnswerSlot) {
        var call = TestCall()
        let actions = call.identified(after: text)
        _ = call.send(.promptFinished)

        #expect(actions.keys.first == "identity.thanks")
        #expect(
            actions.contains(.takeMessage(topic: topic, patient: TestCall.maria, callbackNumber: "+15550123")))
        #expect(actions.last == .listen(context: .message))
        #expect(!actions.containsBook)
        #expect(!actions.spoken.joined().contains("date of birth"))
        #expect(call.controller.awaitedAnswer == awaited)

        let thanks = call.say("the blue inhaler, I have two puffs left")
        #expect(thanks.keys == ["message.thanks", "anythingElse"])
        #expect(thanks.last == .listen(context: .intent))
        #expect(call.controller.outcome == .messageTaken)
        #expect(call.controller.callIntent == (topic == .prescription ? .prescription : .results))
    }

    @Test("an other request (a question about a bill) identifies the caller and takes a message for the team")
    func otherRequestTakesMessage() {
        var call = TestCall()
        let actions = call.identified(after: "I have a question about my bill")
        _ = call.send(.promptFinished)

        #expect(
            actions.contains(.takeMessage(topic: .general, patient: TestCall.maria, callbackNumber: "+15550123")))
        #expect(actions.last == .listen(context: .message))
        let thanks = call.say("I think I was charged twice for my last visit")
        #expect(thanks.keys == ["message.thanks", "anythingElse"])
        #expect(call.controller.outcome == .messageTaken)
        #expect(call.controller.callIntent == .other)
    }

    @Test("an opening that asks for nothing is reprompted, not taken as a message")
    func otherWithoutRequestReprompts() {
        var call = TestCall()
        let actions = call.sayAndListen("my name is Laura Martin")

        #expect(actions.keys == ["reprompt.intent.1"])
        #expect(!actions.contains { if case .takeMessage = $0 { true } else { false } })
    }

    @Test("prescription asks which medication and says so")
    func prescriptionMedication() throws {
        var call = TestCall()
        let text = try #require(call.identified(after: "I need my prescription renewed").spoken.last)

        #expect(text.contains("Which medication"))
    }

    @Test("the reprompt ladder: two narrower questions, then staff")
    func repromptLadder() throws {
        var call = TestCall()
        let first = call.sayAndListen("the blue one with the thing")
        let second = call.sayAndListen("mm the other one")
        let third = call.sayAndListen("banana")
        let reception = try #require(TestCall.reception)

        #expect(first.keys == ["reprompt.intent.1"])
        #expect(first.last == .listen(context: .intent))
        #expect(second.keys == ["reprompt.intent.2"])
        #expect(third.last == .transfer(target: reception, reason: .notUnderstood))
        #expect(call.controller.hasEnded)
    }

    @Test("a request under the confidence threshold is asked again")
    func lowConfidence() {
        var call = TestCall()
        let actions = call.send(.turn(TurnResult(text: "book maybe", intent: .book, confidence: 0.3)))

        #expect(actions.keys == ["reprompt.intent.1"])
    }

    @Test("silence: asked again once, then a polite goodbye and the call ends when it has played")
    func silence() {
        var call = TestCall()
        let first = call.send(.silenceTimeout)
        _ = call.send(.promptFinished)
        let second = call.send(.silenceTimeout)

        #expect(first.keys == ["silence.intent"])
        #expect(first.last == .listen(context: .intent))
        #expect(second.keys == ["silence.goodbye"])
        #expect(second.listenContext == nil)
        #expect(call.send(.promptFinished) == [.hangUp])
        #expect(call.controller.hasEnded)
    }

    @Test("a turn between silences starts the silence count again")
    func silenceReset() {
        var call = TestCall()
        _ = call.send(.silenceTimeout)
        _ = call.sayAndListen("what are your hours")

        #expect(call.send(.silenceTimeout).keys == ["silence.intent"])
    }

    @Test("anything else: no ends the call politely, yes asks what")
    func anythingElse() {
        var call = TestCall()
        _ = call.sayAndListen("where are you located")
        #expect(call.sayAndListen("yes").keys == ["anythingElse.what"])

        _ = call.sayAndListen("what are your hours")
        let goodbye = call.say("no thanks")
        #expect(goodbye.keys == ["goodbye"])
        #expect(call.send(.promptFinished) == [.hangUp])
    }

    @Test("a new request in answer to anything else is handled")
    func anythingElseRequest() throws {
        var call = TestCall()
        _ = call.sayAndListen("what are your hours")
        let text = try #require(call.say("yes, what's the address").spoken.first)

        #expect(text.contains("12 River Street"))
    }

    @Test("barge-in stops the agent once; a second barge-in changes nothing")
    func bargeIn() {
        var call = TestCall()
        #expect(call.send(.bargeIn) == [.stopSpeaking])
        #expect(call.send(.bargeIn) == [])
    }
}

import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

@Suite("Dialogue controller: after hours and callback numbers")
struct DialogueAfterHoursTests {
    /// Monday December 7 at 7 PM, after closing.
    static let evening = TestCall.instant(2026, 12, 7, 19, 0)

    static func start(_ practice: PracticeConfiguration, callerNumber: String? = "+15550123") -> (
        DialogueController, [DialogueAction]
    ) {
        var controller = DialogueController(practice: practice)
        let actions = controller.handle(.callStarted(callerNumber: callerNumber, now: Self.evening))
        return (controller, actions)
    }

    @Test("closed: the opening time, the emergency instruction, then a message (the default configuration)")
    func emergencyThenMessage() {
        var (controller, actions) = Self.start(TestCall.practice)

        #expect(actions.keys == ["afterHours.closed", "urgent.safety", "message.afterHours"])
        #expect(
            actions.spoken.first
                == "Thank you for calling Riverside Family Practice. We are closed right now and open again on "
                + "Tuesday, December 8 at 8:30 AM.")
        #expect(actions.spoken[1].contains("call 911"))
        #expect(actions.contains(.takeMessage(topic: .general, patient: nil, callbackNumber: "+15550123")))
        #expect(actions.last == .listen(context: .message))
        #expect(controller.awaitedAnswer == .message)

        _ = controller.handle(.promptFinished)
        let thanks = controller.handle(
            .turn(TurnResult(text: "please call me about my bill", intent: .other, confidence: 0)))
        #expect(thanks.keys == ["message.thanks", "anythingElse"])
        #expect(controller.outcome == .messageTaken)
    }

    @Test("after hours, what the message asks for is the call's intent; an unclear message leaves it unset")
    func messageNamesIntent() {
        var (controller, _) = Self.start(TestCall.practice)
        _ = controller.handle(.promptFinished)
        _ = controller.handle(
            .turn(TurnResult(text: "I need a refill of my inhaler", intent: .prescription, confidence: 0.9)))
        #expect(controller.callIntent == .prescription)

        var (unclear, _) = Self.start(TestCall.practice)
        _ = unclear.handle(.promptFinished)
        _ = unclear.handle(.turn(TurnResult(text: "about my bill", intent: .other, confidence: 0.2)))
        #expect(unclear.callIntent == nil)
        #expect(unclear.outcome == .messageTaken)
    }

    @Test("closed with takeMessage: no emergency instruction")
    func takeMessage() throws {
        let (_, actions) = Self.start(try TestCall.practice(afterHours: "\"takeMessage\""))

        #expect(actions.keys == ["afterHours.closed", "message.afterHours"])
    }

    @Test("closed with a transfer: the call goes to the configured target")
    func transfer() throws {
        let practice = try TestCall.practice(afterHours: "{ \"action\": \"transfer\", \"target\": \"On call\" }")
        let (controller, actions) = Self.start(practice)
        let onCall = try #require(practice.transferTarget(named: "On call"))

        #expect(actions.keys == ["afterHours.closed", "afterHours.transfer"])
        #expect(actions.last == .transfer(target: onCall, reason: .afterHours))
        #expect(controller.hasEnded)
        #expect(controller.outcome == .transferred)
    }

    @Test("urgent during the after-hours greeting stops it and transfers")
    func urgentAfterHours() throws {
        var call = TestCall(now: Self.evening, practice: try TestCall.practice(afterHours: "\"takeMessage\""))
        let actions = call.say(DialogueUrgencyTests.urgentText)
        let reception = try #require(TestCall.reception)

        #expect(actions.first == .stopSpeaking)
        #expect(actions.keys == ["urgent.safety", "urgent.transfer"])
        #expect(actions.last == .transfer(target: reception, reason: .urgent))
        #expect(call.controller.callIntent == .emergency)
    }

    @Test("urgent while the after-hours message is taken")
    func urgentDuringMessage() throws {
        var call = TestCall(now: Self.evening)
        _ = call.send(.promptFinished)
        let actions = call.say("my baby is not breathing")
        let reception = try #require(TestCall.reception)

        #expect(actions.keys == ["urgent.safety", "urgent.transfer"])
        #expect(actions.last == .transfer(target: reception, reason: .urgent))
        #expect(call.controller.outcome == .transferred)
    }

    @Test("no caller number: a callback number is asked first, then the message records it")
    func callbackNumber() {
        var (controller, actions) = Self.start(TestCall.practice, callerNumber: nil)
        #expect(actions.keys == ["afterHours.closed", "urgent.safety", "message.callbackNumber"])
        #expect(actions.last == .listen(context: .digits))
        #expect(controller.awaitedAnswer == .callbackNumber)

        _ = controller.handle(.promptFinished)
        let understander = Understander(doctors: [], calendar: TestCall.practice.calendar)
        let text = "five five five zero one two three four"
        let message = controller.handle(.turn(TurnResult(understander.understand(text, now: Self.evening), text: text)))
        #expect(message.contains(.takeMessage(topic: .general, patient: nil, callbackNumber: "55501234")))
        #expect(controller.awaitedAnswer == .message)
    }

    @Test("an unclear callback number: two reprompts, keypad entry, then the keyed number")
    func callbackKeypad() {
        var call = TestCall(now: Self.evening, callerNumber: nil)
        _ = call.send(.promptFinished)

        #expect(call.sayAndListen("it's my mobile").keys == ["reprompt.digits.1"])
        #expect(call.sayAndListen("the usual one").keys == ["reprompt.digits.2"])
        let keypad = call.sayAndListen("I'm not sure")
        #expect(keypad.keys == ["keypad.digits"])
        #expect(call.controller.isAwaitingKeypad)
        #expect(call.controller.awaitedAnswer == .callbackNumber)

        let message = call.send(.dtmf(digits: "5550123456#"))
        #expect(message.contains(.takeMessage(topic: .general, patient: nil, callbackNumber: "5550123456")))
        #expect(!call.controller.isAwaitingKeypad)
    }

    @Test("a results message from a caller with no number: identified, then the callback number, then the message")
    func resultsWithoutNumber() throws {
        var call = TestCall(callerNumber: nil)
        _ = call.sayAndListen("I'm calling about my test results")
        _ = call.sayAndListen("Maria Lopez")
        _ = call.say("march ninth nineteen eighty four")

        let askNumber = call.send(.patientsFound([TestCall.maria]))
        #expect(askNumber.keys == ["identity.thanks", "message.callbackNumber"])
        _ = call.send(.promptFinished)

        let message = call.say("five five five zero one nine nine")
        #expect(message.contains(.takeMessage(topic: .results, patient: TestCall.maria, callbackNumber: "5550199")))
    }

    @Test("urgent while a callback number is asked")
    func urgentAtCallbackNumber() throws {
        var call = TestCall(now: Self.evening, callerNumber: nil)
        let actions = call.say(DialogueUrgencyTests.urgentText)

        #expect(actions.first == .stopSpeaking)
        #expect(actions.keys == ["urgent.safety", "urgent.transfer"])
        #expect(!actions.contains { if case .takeMessage = $0 { true } else { false } })
    }

    @Test("silence while a callback number is asked")
    func silenceAtCallbackNumber() {
        var call = TestCall(now: Self.evening, callerNumber: nil)
        _ = call.send(.promptFinished)

        #expect(call.send(.silenceTimeout).keys == ["silence.digits"])
    }
}

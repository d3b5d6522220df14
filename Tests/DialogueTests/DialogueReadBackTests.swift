import Foundation
import Testing
import Understanding

@testable import Dialogue

/// Answers the recognizer was unsure of are read back, and acted on only after a yes.
@Suite("Dialogue controller: reading back uncertain answers")
struct DialogueReadBackTests {
    /// A call at Maria's number, identified, asked which doctor and then which time.
    static func askedForTime() -> TestCall {
        var call = TestCall()
        _ = call.identified(after: "I'd like to make an appointment")
        _ = call.send(.promptFinished)
        _ = call.sayAndListen("Dr. Patel please")
        return call
    }

    @Test("an uncertain time is read back; yes goes on to the schedule with that time")
    func uncertainTimeYes() throws {
        var call = Self.askedForTime()
        let readBack = call.sayUnsure("thursday afternoon")
        _ = call.send(.promptFinished)

        #expect(readBack.spoken == ["I think you said thursday afternoon. Is that right?"])
        #expect(readBack.last == .listen(context: .yesNo))
        #expect(call.controller.awaitedAnswer == .confirm)
        let find = call.say("yes")
        let query = try #require(find.compactMap { if case .findSlots(let query) = $0 { query } else { nil } }.first)
        #expect(query.time == .partOfDay(.afternoon))
        #expect(query.doctor == "Dr. Patel")
    }

    @Test("no to a read-back asks the question again, narrower, and keeps nothing of what was heard")
    func uncertainTimeNo() {
        var call = Self.askedForTime()
        _ = call.sayUnsure("thursday afternoon")
        _ = call.send(.promptFinished)
        let again = call.sayAndListen("no")

        #expect(again.keys == ["reprompt.time.1"])
        #expect(again.last == .listen(context: .time))
        let find = call.say("friday morning")
        #expect(
            find.contains { if case .findSlots(let query) = $0 { query.time == .partOfDay(.morning) } else { false } })
    }

    @Test("a caller who answers the read-back by saying the answer again is heard")
    func answerAgainInstead() {
        var call = Self.askedForTime()
        _ = call.sayUnsure("thursday afternoon")
        _ = call.send(.promptFinished)
        let find = call.say("friday morning")

        #expect(
            find.contains { if case .findSlots(let query) = $0 { query.time == .partOfDay(.morning) } else { false } })
    }

    @Test("an uncertain opening request is checked by its intent; yes runs the request")
    func uncertainRequest() {
        var call = TestCall()
        let readBack = call.sayUnsure("uh book an appointment")
        _ = call.send(.promptFinished)

        #expect(readBack.spoken == ["Just to check: you'd like to book an appointment. Is that right?"])
        #expect(call.say("yes please") == [.findPatient(.phone("+15550123"))])
    }

    @Test("an uncertain turn that holds nothing the question asks for is a failed answer")
    func uncertainWithoutAnswer() {
        var call = Self.askedForTime()
        let again = call.sayUnsure("help")

        #expect(again.keys == ["reprompt.time.1"])
    }

    @Test("a read-back keeps the question's failures: after two reprompts, a no goes to staff")
    func failuresKept() throws {
        var call = Self.askedForTime()
        _ = call.sayAndListen("banana")
        _ = call.sayAndListen("mm")
        _ = call.sayUnsure("thursday afternoon")
        _ = call.send(.promptFinished)
        let reception = try #require(TestCall.reception)

        #expect(call.say("no").last == .transfer(target: reception, reason: .notUnderstood))
    }

    @Test("an uncertain no to anything else is read back; yes ends the call politely")
    func uncertainClosing() {
        var call = TestCall()
        _ = call.sayAndListen("what are your hours")
        let readBack = call.sayUnsure("no that's it")
        _ = call.send(.promptFinished)

        #expect(readBack.spoken == ["I think you said no, that's all. Is that right?"])
        #expect(call.say("yes").keys == ["goodbye"])
    }

    @Test("keypad 1 answers a read-back yes")
    func keypadYes() {
        var call = TestCall()
        _ = call.sayUnsure("where are you located")
        _ = call.send(.promptFinished)

        #expect(call.send(.dtmf(digits: "1")).keys == ["answer.address", "anythingElse"])
    }

    @Test("every intent read-back but emergency is among the fixed prompts")
    func fixedReadBacks() {
        let keys = Set(TestCall().controller.fixedPrompts.map(\.key))

        #expect(keys.contains("heard.intent.book"))
        #expect(keys.contains("heard.intent.other"))
        #expect(!keys.contains("heard.intent.emergency"))
    }
}

extension TestCall {
    /// The caller says `text` and the recognizer is unsure of it.
    mutating func sayUnsure(_ text: String) -> [DialogueAction] {
        var turn = TurnResult(self.understander.understand(text, now: self.now), text: text)
        turn.isUncertain = true
        return self.controller.handle(.turn(turn))
    }
}

import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

@Suite("Dialogue controller: booking")
struct DialogueBookingTests {
    static let tuesdayNine = SlotOffer(doctor: "Dr. Patel", start: TestCall.instant(2026, 12, 8, 9, 0))
    static let tuesdayQuarterPast = SlotOffer(doctor: "Dr. Patel", start: TestCall.instant(2026, 12, 8, 9, 15))

    @Test("happy path: doctor, time, offer, yes, book, read-back, anything else, goodbye")
    func happyPath() throws {
        var call = TestCall()

        #expect(call.say("I'd like to make an appointment") == [.findPatient(.phone("+15550123"))])
        let isMaria = call.send(.patientsFound([TestCall.maria]))
        #expect(isMaria.spoken == ["Am I speaking with Maria Lopez?"])
        #expect(isMaria.last == .listen(context: .yesNo))
        #expect(call.controller.awaitedAnswer == .confirm)

        let askDoctor = call.sayAndListen("yes")
        #expect(askDoctor.spoken.first == "Thank you, Maria.")
        #expect(askDoctor.keys == ["identity.thanks", "ask.doctor"])
        #expect(askDoctor.last == .listen(context: .doctor))

        let askTime = call.sayAndListen("Dr. Patel please")
        #expect(askTime.keys == ["ask.time"])
        #expect(askTime.last == .listen(context: .time))

        let find = call.sayAndListen("tuesday morning")
        let day = try #require(LocalDate(year: 2026, month: 12, day: 8))
        let expected = SlotQuery(
            doctor: "Dr. Patel", day: .date(CalendarDay(year: day.year, month: day.month, day: day.day)),
            time: .partOfDay(.morning), notBefore: TestCall.monday())
        #expect(find == [.speak(DialoguePrompts(practice: TestCall.practice).checking), .findSlots(expected)])

        let offer = call.send(.offer(slots: [Self.tuesdayNine, Self.tuesdayQuarterPast]))
        _ = call.send(.promptFinished)
        #expect(offer.spoken == ["I have Tuesday, December 8 at 9 AM with Dr. Patel. Would that suit you?"])
        #expect(offer.last == .listen(context: .yesNo))

        let book = call.say("yes please")
        #expect(book == [.book(BookingRequest(slot: Self.tuesdayNine, callerNumber: "+15550123", patientID: 7))])

        let readBack = call.send(.bookingFinished(.booked))
        _ = call.send(.promptFinished)
        #expect(readBack.spoken.first == "You are booked with Dr. Patel on Tuesday, December 8 at 9 AM.")
        #expect(readBack.keys.last == "anythingElse")

        #expect(call.say("no that's all").keys == ["goodbye"])
        #expect(call.send(.promptFinished) == [.hangUp])
        #expect(call.controller.outcome == .booked)
        #expect(call.controller.callIntent == .book)
    }

    @Test("a yes or no misheard twice is offered as 1 or 2 on the keypad; 1 books; a third miss goes to staff")
    func yesNoKeypad() throws {
        /// A call whose slot has just been offered.
        func offer() -> TestCall {
            var call = TestCall()
            _ = call.identified(after: "I'd like to see Dr. Patel on tuesday morning")
            _ = call.send(.offer(slots: [Self.tuesdayNine, Self.tuesdayQuarterPast]))
            _ = call.send(.promptFinished)
            return call
        }
        /// The same after two answers that were not a yes or a no.
        func offered() -> TestCall {
            var call = offer()
            _ = call.sayAndListen("mm")
            _ = call.sayAndListen("hmm")
            return call
        }
        var call = offer()
        #expect(call.sayAndListen("mm").keys == ["reprompt.yesNo.1"])
        #expect(call.sayAndListen("hmm").keys == ["reprompt.yesNo.2"])
        let keypad = call.say("uh")
        #expect(keypad.spoken == ["Sorry, I still didn't catch that. Please press 1 for yes, or 2 for no."])
        #expect(keypad.last == .listen(context: .yesNo))
        #expect(call.controller.isAwaitingKeypad)
        #expect(call.controller.awaitedAnswer == .confirm)
        _ = call.send(.promptFinished)
        #expect(
            call.send(.dtmf(digits: "1"))
                == [.book(BookingRequest(slot: Self.tuesdayNine, callerNumber: "+15550123", patientID: 7))])

        var spoken = offered()
        _ = spoken.say("uh")
        _ = spoken.send(.promptFinished)
        #expect(
            spoken.say("yes please") == [
                .book(BookingRequest(slot: Self.tuesdayNine, callerNumber: "+15550123", patientID: 7))
            ], "a spoken yes still counts")

        var lost = offered()
        _ = lost.say("uh")
        _ = lost.send(.promptFinished)
        let reception = try #require(TestCall.reception)
        #expect(lost.say("banana").last == .transfer(target: reception, reason: .notUnderstood))
    }

    @Test("a request that names the doctor and the time goes straight to the schedule")
    func everythingAtOnce() {
        var call = TestCall()
        let actions = call.identified(after: "I need to see Dr. Lee next Tuesday at three thirty")

        #expect(actions.contains { if case .findSlots(let query) = $0 { query.doctor == "Dr. Lee" } else { false } })
    }

    @Test("any doctor leaves the doctor open", arguments: ["any doctor is fine", "no preference", "no"])
    func anyDoctor(answer: String) {
        var call = TestCall()
        _ = call.identified(after: "I'd like to make an appointment")
        _ = call.send(.promptFinished)
        _ = call.sayAndListen(answer)
        let find = call.say("tomorrow afternoon")

        #expect(find.contains { if case .findSlots(let query) = $0 { query.doctor == nil } else { false } })
    }

    @Test("earliest asks the schedule for the first free time")
    func earliest() {
        var call = TestCall()
        _ = call.identified(after: "I'd like to make an appointment with Dr. Grant")
        _ = call.send(.promptFinished)
        let find = call.say("whenever is earliest")

        #expect(find.contains { if case .findSlots(let query) = $0 { query.day == .asSoonAsPossible } else { false } })
    }

    @Test("a no to the first offer offers the second; keypad 1 confirms it")
    func declineThenKeypad() {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [Self.tuesdayNine, Self.tuesdayQuarterPast]))

        let second = call.sayAndListen("no")
        #expect(second.spoken == ["I have Tuesday, December 8 at 9:15 AM with Dr. Patel. Would that suit you?"])
        #expect(
            call.send(.dtmf(digits: "1")) == [
                .book(BookingRequest(slot: Self.tuesdayQuarterPast, callerNumber: "+15550123", patientID: 7))
            ])
    }

    @Test("declining every offer asks for another time")
    func declineAll() {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [Self.tuesdayNine]))

        let again = call.say("no")
        #expect(again.keys == ["ask.time"])
        #expect(again.last == .listen(context: .time))
    }

    @Test("a slot lost at booking offers the alternative")
    func slotTaken() {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [Self.tuesdayNine, Self.tuesdayQuarterPast]))
        _ = call.say("yes")

        let next = call.send(.bookingFinished(.unavailable))
        #expect(next.keys == ["booking.taken", "booking.offer"])
        #expect(next.last == .listen(context: .yesNo))
    }

    @Test("no free slot: another time is asked for, and a second empty search goes to staff")
    func noSlot() throws {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")

        let first = call.send(.offer(slots: []))
        #expect(first.keys == ["booking.none"])
        #expect(first.last == .listen(context: .time))

        _ = call.send(.promptFinished)
        _ = call.say("wednesday afternoon")
        let reception = try #require(TestCall.reception)
        #expect(call.send(.offer(slots: [])).last == .transfer(target: reception, reason: .noSlot))
    }

    @Test("an unclear doctor answer gets the narrower doctor reprompt")
    func unclearDoctor() {
        var call = TestCall()
        _ = call.identified(after: "I'd like to make an appointment")
        _ = call.send(.promptFinished)

        #expect(call.sayAndListen("hmm the tall one").keys == ["reprompt.doctor.1"])
        #expect(call.sayAndListen("the one from before").keys == ["reprompt.doctor.2"])
    }

    @Test("an unclear answer to an offer asks yes or no")
    func unclearConfirmation() {
        var call = TestCall()
        _ = call.identified(after: "I need to see Dr. Patel tomorrow morning")
        _ = call.send(.offer(slots: [Self.tuesdayNine]))

        #expect(call.say("hmm").keys == ["reprompt.yesNo.1"])
    }
}

import Foundation
import Practice
import Testing
import Understanding

@testable import Dialogue

@Suite("Dialogue controller: identifying the caller")
struct DialogueIdentityTests {
    static let birth = LocalDate(year: 1984, month: 3, day: 9)

    /// A booking request from a caller the phone lookup does not know, up to the name question.
    static func unknownCaller(callerNumber: String? = "+15550123") -> TestCall {
        var call = TestCall(callerNumber: callerNumber)
        _ = call.say("I'd like to make an appointment")
        if callerNumber != nil { _ = call.send(.patientsFound([])) }
        _ = call.send(.promptFinished)
        return call
    }

    /// An unknown caller who has said their name, up to the date of birth question.
    static func askedDateOfBirth() -> TestCall {
        var call = Self.unknownCaller()
        _ = call.sayAndListen("Maria Lopez")
        return call
    }

    @Test("a known caller number asks who is speaking; yes identifies them")
    func phoneMatch() {
        var call = TestCall()
        #expect(call.say("I'd like to make an appointment") == [.findPatient(.phone("+15550123"))])
        #expect(call.controller.awaitedAnswer == nil)

        let isMaria = call.send(.patientsFound([TestCall.maria]))
        #expect(isMaria.keys == ["identity.isPatient"])
        #expect(call.controller.awaitedAnswer == .confirm)

        let next = call.say("yes")
        #expect(next.keys == ["identity.thanks", "ask.doctor"])
        #expect(call.controller.patient == TestCall.maria)
    }

    @Test("no to the phone match asks the name, then the date of birth, then looks them up")
    func phoneMatchDeclined() throws {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")
        _ = call.send(.patientsFound([TestCall.maria]))

        let askName = call.say("no, this is her husband")
        #expect(askName.keys == ["identity.name"])
        #expect(askName.last == .listen(context: .name))
        #expect(call.controller.awaitedAnswer == .name)

        let askBirth = call.say("Carlos Lopez")
        #expect(askBirth.keys == ["identity.dateOfBirth"])
        #expect(askBirth.last == .listen(context: .dateOfBirth))
        #expect(call.controller.awaitedAnswer == .dateOfBirth)

        let birth = try #require(LocalDate(year: 1980, month: 7, day: 4))
        #expect(
            call.say("july fourth nineteen eighty") == [
                .findPatient(.nameAndDateOfBirth(name: "Carlos Lopez", dateOfBirth: birth))
            ])
        let carlos = PatientSummary(id: 8, name: "Carlos Lopez")
        #expect(call.send(.patientsFound([carlos])).keys == ["identity.thanks", "ask.doctor"])
        #expect(call.controller.patient == carlos)
    }

    @Test("several patients share the number: each is asked about in turn, then the name")
    func sharedNumber() {
        var call = TestCall()
        let carlos = PatientSummary(id: 8, name: "Carlos Lopez")
        _ = call.say("I'd like to make an appointment")
        _ = call.send(.patientsFound([TestCall.maria, carlos]))

        #expect(call.say("no").spoken == ["Am I speaking with Carlos Lopez?"])
        #expect(call.say("no").keys == ["identity.name"])
    }

    @Test("keypad 1 and 2 answer who is speaking")
    func phoneMatchKeypad() {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")
        _ = call.send(.patientsFound([TestCall.maria]))

        #expect(call.send(.dtmf(digits: "1")).keys == ["identity.thanks", "ask.doctor"])
    }

    @Test("no caller number: the name is asked at once")
    func noCallerNumber() {
        var call = TestCall(callerNumber: nil)
        let actions = call.say("I'd like to make an appointment")

        #expect(actions.keys == ["identity.name"])
        #expect(!actions.contains { if case .findPatient = $0 { true } else { false } })
    }

    @Test("the phone lookup finds no one: the name is asked")
    func phoneUnknown() {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")

        #expect(call.send(.patientsFound([])).keys == ["identity.name"])
    }

    @Test("a caller not found is registered with the caller number and told so")
    func registration() throws {
        var call = Self.askedDateOfBirth()
        let birth = try #require(Self.birth)
        _ = call.say("march ninth nineteen eighty four")

        let readBack = call.send(.patientsFound([]))
        _ = call.send(.promptFinished)
        #expect(
            readBack.spoken == [
                "I can't find you in our records. Shall I register you as a new patient: Maria Lopez, born March 9, 1984?"
            ])
        #expect(call.controller.awaitedAnswer == .confirm)
        let register = call.say("yes please")
        #expect(register == [.registerPatient(NewPatient(name: "Maria Lopez", dateOfBirth: birth, phone: "+15550123"))])
        #expect(call.controller.awaitedAnswer == nil)

        let welcome = call.send(.patientRegistered(PatientSummary(id: 9, name: "Maria Lopez")))
        #expect(welcome.keys == ["identity.registered", "ask.doctor"])
        #expect(welcome.spoken.first?.contains("registered you as a new patient") == true)
        #expect(call.controller.patient?.id == 9)
    }

    @Test("a caller with no number is registered without one")
    func registrationWithoutNumber() throws {
        var call = Self.unknownCaller(callerNumber: nil)
        let birth = try #require(Self.birth)
        _ = call.say("my name is Maria Lopez")
        _ = call.say("the ninth of march 1984")

        _ = call.send(.patientsFound([]))
        _ = call.send(.promptFinished)
        #expect(call.say("yes") == [.registerPatient(NewPatient(name: "Maria Lopez", dateOfBirth: birth, phone: nil))])
    }

    @Test("a no to the registration read-back asks for the name again; a second no goes to staff, registering no one")
    func registrationDeclined() throws {
        var call = Self.askedDateOfBirth()
        let reception = try #require(TestCall.reception)
        _ = call.say("march ninth nineteen eighty four")
        _ = call.send(.patientsFound([]))
        _ = call.send(.promptFinished)

        let again = call.sayAndListen("no")
        #expect(again.keys == ["identity.tryAgain", "identity.name"])
        _ = call.say("maria lopez")
        _ = call.say("march ninth nineteen eighty four")
        _ = call.send(.patientsFound([]))
        _ = call.send(.promptFinished)
        let staff = call.say("no")
        #expect(staff.last == .transfer(target: reception, reason: .notUnderstood))
        #expect(!staff.contains { if case .registerPatient = $0 { true } else { false } })
    }

    @Test("name and date of birth in one answer skip the date of birth question")
    func nameAndBirthAtOnce() throws {
        var call = Self.unknownCaller()
        let birth = try #require(Self.birth)

        #expect(
            call.say("it's Maria Lopez, born March 9 1984") == [
                .findPatient(.nameAndDateOfBirth(name: "Maria Lopez", dateOfBirth: birth))
            ])
    }

    @Test("an unclear name gets two narrower reprompts, then staff")
    func unclearName() throws {
        var call = Self.unknownCaller()
        let reception = try #require(TestCall.reception)

        #expect(call.sayAndListen("um").keys == ["reprompt.name.1"])
        #expect(call.sayAndListen("uh well").keys == ["reprompt.name.2"])
        #expect(call.say("hmm").last == .transfer(target: reception, reason: .notUnderstood))
        #expect(call.controller.outcome == .transferred)
    }

    @Test("an unclear date of birth: two reprompts, then keypad entry, which the keypad answers")
    func keypadDateOfBirth() throws {
        var call = Self.askedDateOfBirth()
        let birth = try #require(Self.birth)

        #expect(call.sayAndListen("I don't remember").keys == ["reprompt.dateOfBirth.1"])
        #expect(!call.controller.isAwaitingKeypad)
        #expect(call.sayAndListen("sometime in spring").keys == ["reprompt.dateOfBirth.2"])

        let keypad = call.sayAndListen("no idea")
        #expect(
            keypad.spoken == [
                "Please type your date of birth as eight digits, month, day, year, then the hash key."
            ])
        #expect(keypad.last == .listen(context: .digits))
        #expect(call.controller.isAwaitingKeypad)
        #expect(call.controller.awaitedAnswer == .dateOfBirth)

        #expect(
            call.send(.dtmf(digits: "03091984#")) == [
                .findPatient(.nameAndDateOfBirth(name: "Maria Lopez", dateOfBirth: birth))
            ])
        #expect(!call.controller.isAwaitingKeypad)
    }

    @Test("a wrong keypad date of birth goes to staff")
    func keypadDateOfBirthWrong() throws {
        var call = Self.askedDateOfBirth()
        let reception = try #require(TestCall.reception)
        for text in ["I don't remember", "sometime in spring", "no idea"] { _ = call.sayAndListen(text) }

        #expect(call.send(.dtmf(digits: "1399#")).last == .transfer(target: reception, reason: .notUnderstood))
    }

    @Test("a hash key alone is ignored and does not count as a failure")
    func hashAlone() {
        var call = Self.askedDateOfBirth()
        for text in ["I don't remember", "sometime in spring", "no idea"] { _ = call.sayAndListen(text) }

        #expect(call.send(.dtmf(digits: "#")) == [])
        #expect(call.controller.isAwaitingKeypad)
    }

    @Test("keypad 0 reaches staff while keypad entry is awaited")
    func keypadZeroInKeypadEntry() throws {
        var call = Self.askedDateOfBirth()
        let reception = try #require(TestCall.reception)
        for text in ["I don't remember", "sometime in spring", "no idea"] { _ = call.sayAndListen(text) }

        #expect(call.send(.dtmf(digits: "0")).last == .transfer(target: reception, reason: .callerAsked))
    }

    @Test("a keyed date of birth is accepted before any reprompt, and a future one is not")
    func keyedDateOfBirthEarly() {
        var call = Self.askedDateOfBirth()

        #expect(call.send(.dtmf(digits: "03092030")).keys == ["reprompt.dateOfBirth.1"])
        #expect(
            call.send(.dtmf(digits: "03091984")).first.map { if case .findPatient = $0 { true } else { false } } == true
        )
    }

    @Test("silence while the name is asked: asked again, then goodbye, and nothing was done")
    func silenceAtName() {
        var call = Self.unknownCaller()

        #expect(call.send(.silenceTimeout).keys == ["silence.name"])
        _ = call.send(.promptFinished)
        #expect(call.send(.silenceTimeout).keys == ["silence.goodbye"])
        #expect(call.send(.promptFinished) == [.hangUp])
        #expect(call.controller.outcome == .abandoned)
    }

    @Test("silence at am I speaking with, and at the date of birth, asks again")
    func silenceAtIsPatientAndBirth() {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")
        _ = call.send(.patientsFound([TestCall.maria]))
        #expect(call.send(.silenceTimeout).keys == ["silence.yesNo"])

        var unknown = Self.askedDateOfBirth()
        let again = unknown.send(.silenceTimeout)
        #expect(again.keys == ["silence.dateOfBirth"])
        #expect(again.last == .listen(context: .dateOfBirth))
    }

    @Test("silence while the caller is looked up is ignored")
    func silenceDuringLookup() {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")

        #expect(call.send(.silenceTimeout) == [])
    }

    @Test("hang-up at the date of birth ends the call; nothing is registered")
    func hangUpAtBirth() {
        var call = Self.askedDateOfBirth()
        _ = call.send(.hangUp)

        #expect(call.say("march ninth nineteen eighty four") == [])
        #expect(call.controller.hasEnded)
        #expect(call.controller.awaitedAnswer == nil)
        #expect(!call.controller.isAwaitingKeypad)
    }

    @Test("silence while keypad entry is awaited repeats the keypad instruction")
    func silenceAtKeypad() {
        var call = Self.askedDateOfBirth()
        for text in ["I don't remember", "sometime in spring", "no idea"] { _ = call.sayAndListen(text) }

        let again = call.send(.silenceTimeout)
        #expect(again.keys == ["silence.keypad.dateOfBirth"])
        #expect(again.last == .listen(context: .digits))
    }

    @Test("hang-up while the caller is looked up: the answer is ignored")
    func hangUpDuringLookup() {
        var call = TestCall()
        _ = call.say("I'd like to make an appointment")
        #expect(call.send(.hangUp) == [])

        #expect(call.send(.patientsFound([TestCall.maria])) == [])
        #expect(call.controller.hasEnded)
        #expect(call.controller.outcome == .abandoned)
        #expect(call.controller.callIntent == .book)
    }

    @Test("lookup answers that come when none is pending are ignored")
    func strayAnswers() {
        var call = TestCall()
        #expect(call.send(.patientsFound([TestCall.maria])) == [])
        #expect(call.send(.patientRegistered(TestCall.maria)) == [])
        #expect(call.send(.appointmentsFound([])) == [])
        #expect(call.send(.cancellationFinished(.cancelled)) == [])
        #expect(call.send(.rescheduleFinished(.booked)) == [])
        #expect(call.controller.awaitedAnswer == .opening)
    }

    @Test("a caller identified once is not asked again")
    func identifiedOnce() {
        var call = TestCall()
        _ = call.identified(after: "I'm calling about my test results")
        _ = call.sayAndListen("please ask the doctor to call me")

        #expect(call.say("I'd like to make an appointment").keys == ["ask.doctor"])
    }

    @Test("a new request in answer to the name question is handled as a request")
    func requestAtName() throws {
        var call = Self.unknownCaller()
        let text = try #require(call.say("actually, what are your opening hours").spoken.first)

        #expect(text.contains("open now until 6 PM"))
        #expect(call.controller.awaitedAnswer == .anythingElse)
    }

    @Test("a caller who asks for a person while being identified is transferred")
    func humanDuringIdentification() throws {
        var call = Self.unknownCaller()
        let reception = try #require(TestCall.reception)

        #expect(call.say("can I speak to a real person").last == .transfer(target: reception, reason: .callerAsked))
    }
}

@Suite("Spoken names")
struct SpokenNameTests {
    @Test(
        "the name words, capitalized, without lead-ins",
        arguments: [
            ("Maria Lopez", "Maria Lopez"), ("my name is maria lopez", "Maria Lopez"), ("it's Ana", "Ana"),
            ("um this is John O'Brien", "John O'brien"), ("yes it's mary-jane smith please", "Mary-jane Smith"),
            ("Maria Lopez born march 9 1984", "Maria Lopez"), ("Ana Ruiz and my birthday is", "Ana Ruiz"),
        ])
    func names(text: String, name: String) {
        #expect(SpokenName.read(text) == name)
    }

    @Test(
        "fillers alone, or a sentence, are not a name",
        arguments: ["um", "", "yes please", "I would like to know what it is you need"])
    func notNames(text: String) {
        #expect(SpokenName.read(text) == nil)
    }
}

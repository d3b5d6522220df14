import Dialogue
import Foundation
import Practice
import Testing
import Understanding

@testable import Call

/// The scripted caller's ear for read-backs: it agrees with what it said and says no to anything else.
@Suite("Read-back judge")
struct ReadBackJudgeTests {
    static let folder = URL(fileURLWithPath: "/scenario")
    static let name = Self.folder.appendingPathComponent("audio/name.wav")
    static let time = Self.folder.appendingPathComponent("audio/time.wav")
    static let birth = Self.folder.appendingPathComponent("audio/birth.wav")
    static let doctor = Self.folder.appendingPathComponent("audio/doctor.wav")
    static let number = Self.folder.appendingPathComponent("audio/number.wav")
    static let closing = Self.folder.appendingPathComponent("audio/closing.wav")

    static func judge(
        intent: String? = "book", doctor: String? = nil, weekday: String? = nil, period: String? = nil
    ) -> ReadBackJudge {
        var expectation = ScenarioExpectation(outcome: "booked")
        expectation.intent = intent
        expectation.doctor = doctor
        expectation.weekday = weekday
        expectation.period = period
        var scenario = Scenario(
            id: "judge", description: nil, now: LocalDateTime("2026-12-07T09:00:00")!, callerNumber: nil,
            patient: nil, opening: nil, answers: [:], bargeInMilliseconds: [:], keypad: [:], hangUpOn: nil, echo: nil,
            expectation: expectation)
        scenario.transcripts = [
            Self.name: "peter hall", Self.time: "thursday afternoon please", Self.birth: "december nineteenth 1979",
            Self.doctor: "doctor Grant", Self.number: "five five five, oh two one nine", Self.closing: "no that's it",
        ]
        let practice = PracticeConfiguration.default
        return ReadBackJudge(
            scenario: scenario,
            understander: Understander(doctors: practice.doctors.map(\.name), calendar: practice.calendar))
    }

    static let said: [AnswerSlot: URL] = [
        .name: Self.name, .time: Self.time, .dateOfBirth: Self.birth, .doctor: Self.doctor,
        .callbackNumber: Self.number, .anythingElse: Self.closing,
    ]

    static func heard(_ words: String) -> Prompt {
        Prompt(key: "heard", text: "I think you said \(words). Is that right?", isFixed: false)
    }

    func agrees(_ prompt: Prompt, after slot: AnswerSlot?, keyed: [AnswerSlot: String] = [:]) -> Bool? {
        Self.judge().agrees(with: prompt, lastSaid: Self.said, lastKeyed: keyed, lastSlot: slot)
    }

    @Test("a read-back of what was said gets a yes, by meaning for times, doctors and dates, by word for names")
    func rightReadBacks() {
        #expect(self.agrees(Self.heard("thursday afternoon"), after: .time) == true)
        #expect(self.agrees(Self.heard("Dr. Grant"), after: .doctor) == true)
        #expect(self.agrees(Self.heard("Peter Hall"), after: .name) == true)
        #expect(self.agrees(Self.heard("December 19, 1979"), after: .dateOfBirth) == true)
        #expect(self.agrees(Self.heard("5 5 5 0 2 1 9"), after: .callbackNumber) == true)
        #expect(self.agrees(Self.heard("no, that's all"), after: .anythingElse) == true)
    }

    @Test("a read-back of something else gets a no")
    func wrongReadBacks() {
        #expect(self.agrees(Self.heard("thursday morning"), after: .time) == false)
        #expect(self.agrees(Self.heard("Dr. Lee"), after: .doctor) == false)
        #expect(self.agrees(Self.heard("Peter Hill"), after: .name) == false)
        #expect(self.agrees(Self.heard("December 9, 1979"), after: .dateOfBirth) == false)
        #expect(self.agrees(Self.heard("5 5 5 0 2 1 8"), after: .callbackNumber) == false)
        #expect(self.agrees(Self.heard("yes please"), after: .anythingElse) == false)
    }

    @Test("a request read-back is judged against the expected intent")
    func intentReadBack() {
        let prompt = Prompt(key: "heard.intent.book", text: "Just to check: …", isFixed: true)
        #expect(Self.judge(intent: "book").agrees(with: prompt, lastSaid: [:], lastKeyed: [:], lastSlot: nil) == true)
        #expect(
            Self.judge(intent: "cancel").agrees(with: prompt, lastSaid: [:], lastKeyed: [:], lastSlot: nil) == false)
    }

    @Test("a registration read-back checks the name and the date of birth, said or keyed")
    func registration() {
        func register(_ name: String, _ birth: String) -> Prompt {
            Prompt(
                key: "identity.register",
                text: "I can't find you in our records. Shall I register you as a new patient: \(name), born \(birth)?",
                isFixed: false)
        }
        #expect(self.agrees(register("Peter Hall", "December 19, 1979"), after: .dateOfBirth) == true)
        #expect(self.agrees(register("Peter Hill", "December 19, 1979"), after: .dateOfBirth) == false)
        #expect(self.agrees(register("Peter Hall", "December 18, 1979"), after: .dateOfBirth) == false)
        let keyed: [AnswerSlot: String] = [.dateOfBirth: "12191979"]
        #expect(self.agrees(register("Peter Hall", "December 19, 1979"), after: .dateOfBirth, keyed: keyed) == true)
        #expect(self.agrees(register("Peter Hall", "December 20, 1979"), after: .dateOfBirth, keyed: keyed) == false)
    }

    @Test("an offered slot suits the caller when it is the doctor, weekday and part of the day the call must book")
    func offers() {
        func offer(_ when: String, _ doctor: String) -> Prompt {
            Prompt(key: "booking.offer", text: "I have \(when) with \(doctor). Would that suit you?", isFixed: false)
        }
        let judge = Self.judge(doctor: "Dr. Patel", weekday: "saturday", period: "morning")
        func suits(_ prompt: Prompt) -> Bool? {
            judge.agrees(with: prompt, lastSaid: [:], lastKeyed: [:], lastSlot: .time)
        }
        #expect(suits(offer("Saturday, December 12 at 9:15 AM", "Dr. Patel")) == true)
        #expect(suits(offer("Monday, December 7 at 9:15 AM", "Dr. Patel")) == false)
        #expect(suits(offer("Saturday, December 12 at 9 AM", "Dr. Lee")) == false)
        #expect(suits(offer("Saturday, December 12 at 2:30 PM", "Dr. Patel")) == false)
        let afternoon = Self.judge(period: "afternoon")
        #expect(
            afternoon.agrees(
                with: offer("Wednesday, December 9 at noon", "Dr. Grant"), lastSaid: [:], lastKeyed: [:], lastSlot: nil)
                == true)
        #expect(
            Self.judge().agrees(
                with: offer("Monday, December 7 at 9 AM", "Dr. Grant"), lastSaid: [:], lastKeyed: [:], lastSlot: nil)
                == nil, "a call that expects no slot in particular takes any")
    }

    @Test("a prompt that reads nothing back, or words the caller has no transcript for, is not judged")
    func notJudged() {
        let thanks = Prompt(key: "identity.thanks", text: "Thank you, Maria.", isFixed: false)
        #expect(self.agrees(thanks, after: .time) == nil)
        #expect(self.agrees(Self.heard("thursday afternoon"), after: .reason) == nil)
    }
}

import Testing

@testable import Understanding

/// Doctor, date of birth, name, phone, yes/no and reason.
@Suite("Slots")
struct SlotTests {
    func slots(_ text: String) -> Slots { TestClock.understand(text).slots }

    @Test("the doctor comes from the given list, however the caller says it")
    func doctor() {
        #expect(self.slots("I need to see Dr. Patel").doctor == "Dr. Patel")
        #expect(self.slots("is doctor lee in on friday").doctor == "Dr. Lee")
        #expect(self.slots("can Grant see me").doctor == "Dr. Grant")
        #expect(self.slots("I need to see Dr. Smith").doctor == nil)
        let other = Understander(doctors: ["Dr. Okafor"], calendar: TestClock.calendar())
        #expect(other.understand("okafor please", now: TestClock.date(2025, 3, 11)).slots.doctor == "Dr. Okafor")
    }

    @Test(
        "dates of birth in words, slashes and two-digit years",
        arguments: [
            ("the fourth of July nineteen eighty two", "1982-07-04"), ("07/04/1982", "1982-07-04"),
            ("July 4 82", "1982-07-04"), ("my date of birth is march 3rd 1975", "1975-03-03"),
            ("I was born on the twenty first of may two thousand one", "2001-05-21"), ("6/17/01", "2001-06-17"),
            ("born january first nineteen oh five", "1905-01-01"),
            // As a caller answers "your date of birth?", with no cue word.
            ("march ninth nineteen eighty four", "1984-03-09"), ("the ninth of march 1984", "1984-03-09"),
        ])
    func dateOfBirth(text: String, expected: String) {
        let slots = self.slots(text)
        #expect(slots.dateOfBirth?.description == expected)
        #expect(slots.day == nil, "a date of birth is not an appointment day")
    }

    @Test("an impossible date is not a date of birth")
    func impossibleDate() {
        #expect(self.slots("february 30 1982").dateOfBirth == nil)
        #expect(self.slots("13/45/1982").dateOfBirth == nil)
    }

    @Test(
        "phone digits said one by one, with oh, double and triple, or written",
        arguments: [
            ("five five five, one two three, four five six seven", "5551234567"),
            ("my number is oh seven seven double nine one two three four five", "0779912345"),
            ("triple five two one two three four", "55521234"),
            ("it's 555-123-4567", "5551234567"), ("call me on 555 867 5309", "5558675309"),
        ])
    func phone(text: String, expected: String) {
        #expect(self.slots(text).phoneNumber == expected)
    }

    @Test("short digit runs and years are not phone numbers")
    func notPhone() {
        #expect(self.slots("I have two kids and one dog").phoneNumber == nil)
        #expect(self.slots("born in 1982").phoneNumber == nil)
        #expect(self.slots("oh I need a refill").phoneNumber == nil)
    }

    @Test(
        "yes and no, including yeah, nope, that's right, not really",
        arguments: [
            ("yes", YesNo.yes), ("yeah", .yes), ("yep that's it", .yes), ("that's right", .yes), ("correct", .yes),
            ("uh yeah sure", .yes), ("okay", .yes), ("no", .no), ("nope", .no), ("not really", .no),
            ("no that's wrong", .no), ("nah", .no), ("that's not right", .no), ("I don't think so", .no),
        ])
    func answer(text: String, expected: YesNo) {
        #expect(self.slots(text).answer == expected)
    }

    @Test("no answer in greetings or ordinary sentences")
    func notAnswer() {
        #expect(self.slots("yeah hi, I need to cancel").answer == nil)
        #expect(self.slots("okay so I need a refill on my inhaler please").answer == nil)
        #expect(self.slots("I need an appointment").answer == nil)
    }

    @Test(
        "names after my name is, this is, it's … calling",
        arguments: [
            ("my name is Maria Lopez", "Maria Lopez"), ("this is john smith calling about my results", "John Smith"),
            ("hi it's Priya", "Priya"), ("it's David Chen calling", "David Chen"), ("my name's Omar", "Omar"),
        ])
    func name(text: String, expected: String) {
        #expect(self.slots(text).patientName == expected)
    }

    @Test("no name in this is about, I'm having, it's anaphylaxis")
    func notName() {
        #expect(self.slots("this is about my results").patientName == nil)
        #expect(self.slots("I'm having chest pain").patientName == nil)
        #expect(self.slots("I think it's anaphylaxis").patientName == nil)
        #expect(self.slots("this is really urgent").patientName == nil)
    }

    @Test("the reason for a visit, without articles, and not a day or a person")
    func reason() {
        #expect(self.slots("I need an appointment for a sore throat tomorrow").reason == "sore throat")
        #expect(self.slots("I'd like to see Dr. Lee about my knee").reason == "knee")
        #expect(self.slots("I need an appointment for my son").reason == nil)
        #expect(self.slots("book an appointment for the fifteenth").reason == nil)
        #expect(self.slots("can I book for next tuesday").reason == nil)
    }
}

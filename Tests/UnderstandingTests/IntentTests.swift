import Testing

@testable import Understanding

/// Each intent on typical and disfluent phrasings, negation, and rejection.
@Suite("Intents")
struct IntentTests {
    @Test(
        "typical and disfluent phrasings of each intent",
        arguments: [
            ("hi, um, I need to see Dr. Patel sometime Tuesday morning", Intent.book),
            ("I'd like to make an appointment", .book), ("uh can I I come in tomorrow", .book),
            ("do you have any openings on friday", .book), ("I need to cancel my appointment", .cancel),
            ("um I can't make it on thursday", .cancel), ("I won't be able to come in tomorrow", .cancel),
            ("I need to reschedule", .reschedule), ("can I move my appointment to next week", .reschedule),
            ("er can we push it back to friday", .reschedule), ("I need a refill on my inhaler", .prescription),
            ("uh I'm running out of my blood pressure pills", .prescription),
            ("I'm calling about my test results", .results), ("did my blood work come back", .results),
            ("what are your hours", .hours), ("um what time do you close on saturday", .hours),
            ("where are you located", .address), ("what's the address", .address),
            ("is there parking", .address), ("can I speak to a real person", .human),
            ("uh transfer me to the front desk", .human), ("I want to talk to someone", .human),
            ("could I see doctor Lee next Monday", .book),
        ])
    func intent(text: String, expected: Intent) {
        let result = TestClock.understand(text)
        #expect(result.intent == expected, "\(text): \(result.classification.evidence)")
        #expect(result.confidence > 0.5)
    }

    @Test(
        "a request for a message, a bill or a form is an other request; words with no request are not",
        arguments: [
            ("I'd like to leave a message for Dr. Grant", true), ("I have a question about my bill", true),
            ("um I need a sick note for work", true), ("my name is Laura Martin", false), ("banana", false),
            ("", false),
        ])
    func otherRequest(text: String, isRequest: Bool) {
        let result = TestClock.understand(text)
        #expect(result.intent == .other, "\(text): \(result.classification.evidence)")
        #expect(result.isRequest == isRequest, "\(text): \(result.classification.evidence)")
    }

    @Test("a named intent beside other's phrases wins: a question about a prescription is a prescription")
    func namedIntentOverOther() {
        let result = TestClock.understand("I have a question about my prescription")
        #expect(result.intent == .prescription)
        #expect(result.isRequest)
    }

    @Test("a negated phrase does not count: not cancel, move")
    func negation() {
        let result = TestClock.understand("I don't want to cancel, I just want to move my appointment")
        #expect(result.intent == .reschedule)
        #expect(result.classification.evidence.contains { $0.intent == .cancel && $0.weight == 0 })
    }

    @Test("cancel and rebook is a reschedule")
    func cancelAndRebook() {
        #expect(TestClock.understand("can I cancel and rebook for next week").intent == .reschedule)
    }

    @Test("two intents of equal weight give a low confidence")
    func tie() {
        let result = TestClock.understand("refill and results")
        #expect(result.confidence <= 0.5)
    }

    @Test(
        "bad input gives other, never a crash",
        arguments: ["", "   ", "um uh hmm", "...!?", "blah blah flibbertigibbet", "the", "42", "ñandú 東京 🙂"])
    func rejection(text: String) {
        let result = TestClock.understand(text)
        #expect(result.intent == .other)
        #expect(!result.isUrgent)
        #expect(result.slots == Slots())
    }

    @Test("fillers are counted but not kept")
    func fillers() {
        let text = TokenizedText("um, uh, hmm")
        #expect(text.words.isEmpty)
        #expect(text.fillerCount == 3)
    }

    @Test("a 5-minute monologue (about 750 words) is understood without trouble and still finds the urgent phrase")
    func monologue() {
        let filler = Array(
            repeating: "so anyway I was saying that the weather has been nice and um the garden", count: 50)
        let text = filler.joined(separator: " ") + " and now my chest hurts " + filler.joined(separator: " ")
        #expect(TokenizedText(text).words.count > 1400)
        let result = TestClock.understand(text)
        #expect(result.intent == .emergency)
        #expect(result.urgency?.category == .chestPain)
        #expect(TestClock.understand(filler.joined(separator: " ")).intent == .other)
    }
}

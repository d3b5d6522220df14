import Testing

@testable import Understanding

/// The urgency detector on urgent sentences, look-alikes, and partial hypotheses.
@Suite("Urgency")
struct UrgencyTests {
    let detector = UrgencyDetector()

    @Test(
        "urgent sentences fire, with the right category",
        arguments: [
            ("my husband is having chest pain", UrgencyCategory.chestPain),
            ("I have crushing pressure in my chest", .chestPain),
            ("I can't breathe", .breathing), ("she's having trouble breathing", .breathing),
            ("he's not breathing", .breathing), ("he's bleeding heavily and it won't stop", .severeBleeding),
            ("she's coughing up blood", .severeBleeding), ("my wife is unconscious", .unresponsive),
            ("he passed out and won't wake up", .unresponsive), ("her face is drooping", .stroke),
            ("his speech is slurred", .stroke), ("I think she's having a stroke", .stroke),
            ("my daughter is having a seizure", .seizure), ("I've been thinking about killing myself", .suicidal),
            ("I feel suicidal", .suicidal), ("my son has a high fever and he's very drowsy", .childFever),
            ("my little boy is burning up and he's not waking properly", .childFever),
            ("I think my mom took too many pills", .overdose), ("he overdosed", .overdose),
            ("my throat is swelling up", .anaphylaxis), ("I'm having a severe allergic reaction", .anaphylaxis),
            ("this is an emergency", .statedEmergency), ("call an ambulance", .statedEmergency),
            ("his chest feels really tight", .chestPain), ("it's bleeding really badly", .severeBleeding),
            ("her left side went numb", .stroke), ("my face is swelling up", .anaphylaxis),
            ("I think I'm dying", .statedEmergency), ("call nine one one", .statedEmergency),
            ("nine one one", .statedEmergency),
        ])
    func urgent(text: String, category: UrgencyCategory) {
        #expect(self.detector.detect(text)?.category == category, "\(text)")
    }

    @Test(
        "look-alikes that share words with urgent phrases do not fire",
        arguments: [
            "I'm calling about my chest X-ray results", "I need to book my breathing test appointment",
            "I bled a little after the blood test, is that normal", "I need a refill of my seizure medication",
            "can I renew my seizure meds", "my father had a stroke last year and needs a follow up",
            "I have no chest pain but I want a checkup", "my son has a fever, can he be seen today",
            "I need to refill my epipen", "they took a lot of blood work last time",
            "my back is killing me", "what is your emergency contact number", "I need an emergency appointment",
            "she has a history of seizures", "I don't have any shortness of breath", "I had an allergy shot",
            "I can't wake up in the mornings", "I'm dying to know my results",
            "do you do overdose awareness training",
            // A callback number with 9-1-1 inside it, as the digits context hears it.
            "five oh eight three nine one one one six zero", "my number is five five five nine one one two",
        ])
    func lookAlike(text: String) {
        #expect(self.detector.detect(text) == nil, "\(text): \(String(describing: self.detector.detect(text)))")
    }

    @Test("the monitor fires on the partial hypothesis that completes the phrase, not before")
    func firesOnPartial() throws {
        var monitor = UrgencyMonitor()
        let partials = ["my", "my husband", "my husband has", "my husband has chest", "my husband has chest pain"]
        for partial in partials.dropLast() { #expect(monitor.feed(partial) == nil, "\(partial)") }
        let fed = monitor.feed(partials.last!)
        let firing = try #require(fed)
        #expect(firing.hypothesisIndex == 4)
        #expect(firing.wordCount == 5)
        #expect(!firing.isFinal)
        #expect(firing.finding.category == .chestPain)
        #expect(firing.finding.wordRange == 3..<5)
        #expect(monitor.feed("my husband has chest pain and", isFinal: true) == firing, "stays fired")
        monitor.reset()
        #expect(monitor.firing == nil)
    }

    @Test("a phrase a look-alike could still extend waits for the next words or the final hypothesis")
    func waitsForRightContext() throws {
        var monitor = UrgencyMonitor()
        #expect(monitor.feed("I need my seizure") == nil)
        #expect(monitor.feed("I need my seizure medication refilled please") == nil)
        #expect(monitor.feed("I need my seizure medication refilled please", isFinal: true) == nil)

        var urgent = UrgencyMonitor()
        #expect(urgent.feed("she is having a seizure") == nil)
        let fed = urgent.feed("she is having a seizure right now on")
        let firing = try #require(fed)
        #expect(firing.finding.category == .seizure)
        var early = UrgencyMonitor()
        #expect(early.feed("I had chest pain")?.finding.category == .chestPain, "history is not waited for")
        #expect(self.detector.detect("I had chest pain last year") == nil, "but rules the final hypothesis out")
        var finalOnly = UrgencyMonitor()
        #expect(finalOnly.feed("she is having a seizure", isFinal: true)?.isFinal == true)
    }

    @Test("a revision that drops the words does not un-fire the monitor")
    func latches() {
        var monitor = UrgencyMonitor()
        #expect(monitor.feed("I can't breathe") != nil)
        #expect(monitor.feed("I can breed", isFinal: true) != nil)
    }

    @Test("urgency overrides the intent: emergency with confidence 1, in any context")
    func overridesIntent() {
        let result = TestClock.understand("I need to reschedule, my wife just collapsed")
        #expect(result.intent == .emergency)
        #expect(result.confidence == 1)
        #expect(result.classification.intent == .reschedule)
        #expect(result.isUrgent)
    }
}

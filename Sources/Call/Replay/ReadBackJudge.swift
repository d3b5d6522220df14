import Dialogue
import Foundation
import Understanding

/// How a scripted caller hears the agent's read-back of what it understood ("I think you said thursday afternoon.
/// Is that right?", "Shall I register you as a new patient: Peter Hill, born …?"): it compares what the agent says
/// it heard with what the caller's own recording said, so that a wrong read-back gets a no, as from a person. An
/// offered slot ("I have Monday, December 7 at 9 AM with Dr. Patel. Would that suit you?") is held to the doctor,
/// weekday and part of the day the scenario expects: a caller who wants Saturday turns Monday down.
///
/// Texts are compared by meaning where the understanding layer reads one (a day and time, a doctor, a date of
/// birth: both texts go through the same `Understander`), and word for word for names and digits. The caller's
/// words come from the scenario's transcripts; without them, it agrees.
///
/// Not real-time safe: allocates. Replay only.
struct ReadBackJudge {
    let scenario: Scenario
    let understander: Understander

    /// Any fixed instant: both texts of a comparison resolve "tuesday" against the same one.
    static let referenceInstant = Date(timeIntervalSince1970: 1_796_000_000)

    /// Whether the caller agrees with `prompt`; `nil` when it is not a read-back or the caller cannot tell.
    ///
    /// - Parameters:
    ///   - lastSaid: the recording the caller last played for each question.
    ///   - lastKeyed: the digits the caller last typed for each question.
    ///   - lastSlot: the question the caller last answered before this one.
    func agrees(
        with prompt: Prompt, lastSaid: [AnswerSlot: URL], lastKeyed: [AnswerSlot: String], lastSlot: AnswerSlot?
    ) -> Bool? {
        if prompt.key.hasPrefix("heard.intent.") {
            guard let intent = self.scenario.expectation.intent else { return nil }
            return prompt.key == "heard.intent.\(intent)"
        }
        if prompt.key == "booking.offer" {
            return self.suits(prompt.text)
        }
        if prompt.key == "heard", let heard = Self.between(prompt.text, "I think you said ", ". Is that right?"),
            let slot = lastSlot, let said = self.transcript(lastSaid[slot])
        {
            return self.same(heard, said, as: slot)
        }
        if prompt.key == "identity.register",
            let readBack = Self.between(prompt.text, "as a new patient: ", "?")
        {
            let parts = readBack.components(separatedBy: ", born ")
            guard parts.count == 2, let name = self.transcript(lastSaid[.name]) else { return nil }
            guard self.same(parts[0], name, as: .name) else { return false }
            if let keyed = lastKeyed[.dateOfBirth] {
                return self.birth(parts[1]).map { Self.keyed($0) == keyed.filter(\.isNumber) }
            }
            guard let birth = self.transcript(lastSaid[.dateOfBirth]) else { return nil }
            return self.same(parts[1], birth, as: .dateOfBirth)
        }
        return nil
    }

    /// Whether an offer (`I have Tuesday, December 8 at 2:30 PM with Dr. Patel. Would that suit you?`) is the
    /// doctor, weekday and part of the day the call must book; `nil` when the scenario expects none of them.
    func suits(_ offer: String) -> Bool? {
        let expectation = self.scenario.expectation
        guard expectation.doctor != nil || expectation.weekday != nil || expectation.period != nil else { return nil }
        let words = Self.words(offer)
        if let doctor = expectation.doctor, !offer.contains("with \(doctor).") { return false }
        if let weekday = expectation.weekday, words.dropFirst(2).first != weekday.lowercased() { return false }
        if let period = expectation.period, Self.period(ofOffer: words) != period { return false }
        return true
    }

    /// `morning` before noon, `afternoon` from noon to 5 PM, `evening` after: as `SlotFinder` and the replay's
    /// check count them.
    static func period(ofOffer words: [String]) -> String? {
        guard let at = words.firstIndex(of: "at"), at + 1 < words.count else { return nil }
        if words[at + 1] == "noon" { return "afternoon" }
        guard let hour = Int(words[at + 1]), at + 2 < words.count else { return nil }
        let isAfternoon = words[(at + 2)...].first { $0 == "am" || $0 == "pm" } == "pm"
        let clock = hour % 12 + (isAfternoon ? 12 : 0)
        return clock < 12 ? "morning" : clock < 17 ? "afternoon" : "evening"
    }

    func transcript(_ url: URL?) -> String? {
        url.flatMap { self.scenario.transcripts[$0.standardizedFileURL] }
    }

    /// Whether the agent's `heard` and the caller's `said` mean the same answer to `slot`.
    func same(_ heard: String, _ said: String, as slot: AnswerSlot) -> Bool {
        let now = Self.referenceInstant
        let agent = self.understander.understand(heard, now: now)
        let caller = self.understander.understand(said, now: now)
        switch slot {
        case .time:
            return agent.slots.day == caller.slots.day && agent.slots.time == caller.slots.time
        case .doctor:
            return agent.slots.doctor == caller.slots.doctor
        case .dateOfBirth:
            return agent.slots.dateOfBirth != nil && agent.slots.dateOfBirth == caller.slots.dateOfBirth
        case .callbackNumber:
            return Self.digits(heard) == Self.digits(said)
        case .anythingElse:
            return agent.slots.answer != nil && agent.slots.answer == caller.slots.answer
        case .name:
            let heardWords = Self.words(heard)
            let saidWords = Self.words(said)
            return !heardWords.isEmpty && saidWords.suffix(heardWords.count).elementsEqual(heardWords)
        case .opening, .confirm, .message, .reason:
            return Self.words(heard) == Self.words(said)
        }
    }

    /// A date as the agent says it (`March 9, 1984`), read by the same understanding layer as the caller's words.
    func birth(_ text: String) -> CalendarDay? {
        self.understander.understand(text, now: Self.referenceInstant).slots.dateOfBirth
    }

    /// `MMDDYYYY`, as a caller types a date of birth.
    static func keyed(_ day: CalendarDay) -> String {
        String(format: "%02d%02d%04d", day.month, day.day, day.year)
    }

    static func between(_ text: String, _ before: String, _ after: String) -> String? {
        guard let start = text.range(of: before), let end = text.range(of: after, options: .backwards),
            start.upperBound <= end.lowerBound
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init)
    }

    /// The digits of `5 5 5 0 2 4 7` or `five five five, oh two four seven`.
    static func digits(_ text: String) -> String {
        let names = [
            "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "seven": "7", "eight": "8", "nine": "9",
        ]
        return Self.words(text).map { word in word.allSatisfy(\.isNumber) ? word : names[word] ?? "" }.joined()
    }
}

import Dialogue
import Foundation
import Practice
import Understanding

/// A call to the default Riverside practice, driven with text turns read by the real understander.
struct TestCall {
    static let practice = PracticeConfiguration.default

    /// Monday 2026-12-07 at `hour:minute` in the practice's time zone (America/New_York).
    static func monday(_ hour: Int = 9, _ minute: Int = 0) -> Date {
        Self.instant(2026, 12, 7, hour, minute)
    }

    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        guard let date = LocalDate(year: year, month: month, day: day),
            let time = Practice.ClockTime(hour: hour, minute: minute),
            let instant = Self.practice.instant(on: date, at: time)
        else { return Date(timeIntervalSince1970: 0) }
        return instant
    }

    static var reception: TransferTarget? { Self.practice.transferTargets.first }

    /// The default practice with its `afterHours` value replaced by `afterHours` (JSON text) and an `On call`
    /// transfer target added after Reception.
    static func practice(afterHours: String) throws -> PracticeConfiguration {
        let json = PracticeConfiguration.defaultJSON
            .replacingOccurrences(
                of: "\"afterHours\": \"emergencyInstructionsThenMessage\"", with: "\"afterHours\": \(afterHours)"
            )
            .replacingOccurrences(
                of: "{ \"name\": \"Reception\", \"number\": \"201\" }",
                with:
                    "{ \"name\": \"Reception\", \"number\": \"201\" }, { \"name\": \"On call\", \"number\": \"+15550199\" }"
            )
        return try PracticeConfiguration(json: Data(json.utf8))
    }

    /// The patient whose phone is the test caller number.
    static let maria = PatientSummary(id: 7, name: "Maria Lopez")

    var controller: DialogueController
    let now: Date
    let understander = Understander(
        doctors: TestCall.practice.doctors.map(\.name), calendar: TestCall.practice.calendar)

    /// A started call; the greeting has been returned and is discarded.
    init(
        now: Date = TestCall.monday(), callerNumber: String? = "+15550123",
        practice: PracticeConfiguration = TestCall.practice
    ) {
        self.controller = DialogueController(practice: practice)
        self.now = now
        _ = self.controller.handle(.callStarted(callerNumber: callerNumber, now: now))
    }

    /// The caller says `text`.
    mutating func say(_ text: String) -> [DialogueAction] {
        let turn = TurnResult(self.understander.understand(text, now: self.now), text: text)
        return self.controller.handle(.turn(turn))
    }

    mutating func send(_ event: DialogueEvent) -> [DialogueAction] {
        self.controller.handle(event)
    }

    /// The caller says `text`, then the agent's answer plays out.
    mutating func sayAndListen(_ text: String) -> [DialogueAction] {
        let actions = self.say(text)
        _ = self.send(.promptFinished)
        return actions
    }

    /// The caller makes a request that needs them identified; the caller number is Maria's and she says yes.
    ///
    /// - Returns: what follows the yes (the thanks, then the request's first step).
    mutating func identified(after request: String) -> [DialogueAction] {
        _ = self.say(request)
        _ = self.send(.patientsFound([Self.maria]))
        _ = self.send(.promptFinished)
        return self.say("yes")
    }
}

extension [DialogueAction] {
    /// The spoken texts, in order.
    var spoken: [String] {
        self.compactMap { action in
            if case .speak(let prompt) = action { return prompt.text }
            return nil
        }
    }

    var keys: [String] {
        self.compactMap { action in
            if case .speak(let prompt) = action { return prompt.key }
            return nil
        }
    }

    /// The context of the last `listen`, if any.
    var listenContext: ListenContext? {
        for action in self.reversed() {
            if case .listen(let context) = action { return context }
        }
        return nil
    }

    var containsBook: Bool {
        self.contains { action in
            if case .book = action { return true }
            return false
        }
    }
}

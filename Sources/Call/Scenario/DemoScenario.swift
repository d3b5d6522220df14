import Dialogue
import Foundation
import Practice
import Speech

/// The call `attendant demo` plays: a known patient rings the default practice on a Monday morning and books
/// Dr. Patel for Tuesday morning.
///
/// The caller's lines are synthesized with a flite voice other than the agent's, so the demo needs no files.
public enum DemoScenario {
    /// What the caller says, by question.
    static let lines: [(slot: AnswerSlot, text: String)] = [
        (.opening, "Hi, I'd like to book an appointment with doctor Patel on Tuesday morning, please."),
        (.doctor, "Doctor Patel, please."),
        (.time, "Tuesday morning."),
        (.confirm, "Yes, that's perfect."),
        (.anythingElse, "No thank you, that's all."),
    ]

    /// The caller's voice.
    static let voice = SpeechEngine.flite(.rms)

    /// Writes the caller's recordings into `folder` and returns the scenario that plays them.
    ///
    /// Not real-time safe: synthesizes speech.
    ///
    /// - Throws: `CallError.speech` when flite cannot say a line, `.output` when a file cannot be written.
    public static func make(in folder: URL) throws(CallError) -> Scenario {
        var urls: [AnswerSlot: URL] = [:]
        for line in Self.lines {
            let url = folder.appendingPathComponent("\(line.slot.rawValue).wav")
            let samples: [Int16]
            do {
                samples = try PromptSynthesizer(engine: Self.voice).synthesize(line.text)
            } catch {
                throw .speech("the demo caller's line '\(line.text)': \(error)")
            }
            try ReplayAudio.write([samples.map { Float($0) / 32768 }], to: url)
            urls[line.slot] = url
        }
        var answers: [AnswerSlot: [URL]] = [:]
        for (slot, url) in urls where slot != .opening { answers[slot] = [url] }
        return Scenario(
            id: "demo-book-tuesday-morning",
            description: "A known patient books Dr. Patel for Tuesday morning",
            now: LocalDateTime("2026-12-07T09:00:00")!, callerNumber: "+15550123",
            patient: ScenarioPatient(
                name: "Maria Lopez", dateOfBirth: LocalDate(year: 1984, month: 3, day: 9)!, phone: "+15550123",
                appointments: []),
            opening: urls[.opening]!, answers: answers, bargeInMilliseconds: [:], keypad: [:], hangUpOn: nil,
            echo: nil,
            expectation: ScenarioExpectation(
                intent: "book", isUrgent: false, outcome: "booked", doctor: "Dr. Patel", weekday: "tuesday",
                period: "morning", isTransferred: false))
    }
}

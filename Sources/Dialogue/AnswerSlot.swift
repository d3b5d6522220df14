/// Which answer the agent is waiting for, named as a scripted caller names its recordings.
///
/// A scenario's `answers` are keyed by these raw values (`"doctor": "audio/doctor.wav"`), so a scripted caller
/// answers the question the agent asked the way a person would: by hearing what was asked.
public enum AnswerSlot: String, Sendable, Hashable, CaseIterable {
    /// The opening request, after the greeting (a scenario's `opening`).
    case opening
    /// The caller's name.
    case name
    /// The caller's date of birth.
    case dateOfBirth
    /// Which doctor.
    case doctor
    /// A day and time of day.
    case time
    /// Yes or no: to a slot offered, to "Am I speaking with …?", to "Shall I cancel it?" or "Is that the one you
    /// would like to move?".
    case confirm
    /// Yes, no, or a new request after "anything else?".
    case anythingElse
    /// The message for the practice.
    case message
    /// A number to call back.
    case callbackNumber
    /// Why the caller wants what they asked for: for a prescription message, which medication and what the doctor
    /// should know.
    case reason
}

extension DialogueController {
    /// The answer the agent is waiting for; `nil` before the greeting, while the schedule or the patient records
    /// are consulted, and after the call has ended.
    ///
    /// Every yes/no question (a slot offered, "Am I speaking with …?", "Shall I cancel it?", "I think you said …
    /// Is that right?") is `confirm`. A
    /// prescription message from an identified caller is `reason` (which medication, and why); other messages are
    /// `message`. A date of birth or callback number offered as keypad entry stays `dateOfBirth` or
    /// `callbackNumber` (see `isAwaitingKeypad`).
    public var awaitedAnswer: AnswerSlot? {
        guard case .asking(let question) = self.stage else { return nil }
        switch question {
        case .request: return .opening
        case .doctor: return .doctor
        case .time: return .time
        case .confirmation, .isPatient, .appointment, .newPatient, .heard: return .confirm
        case .anythingElse: return .anythingElse
        case .message(let topic): return topic == .prescription && self.patient != nil ? .reason : .message
        case .name: return .name
        case .dateOfBirth: return .dateOfBirth
        case .callbackNumber: return .callbackNumber
        }
    }
}

/// What the agent is listening for, so the recognizer can weight the words that answer the question asked.
public enum ListenContext: String, Sendable, Hashable, CaseIterable {
    /// What the caller wants: the opening request, or a new one after "anything else?".
    case intent
    /// Which doctor, or any doctor.
    case doctor
    /// A day and a time of day.
    case time
    /// A yes or a no.
    case yesNo
    /// The caller's name.
    case name
    /// A date of birth.
    case dateOfBirth
    /// Keypad or spoken digits.
    case digits
    /// Free text: a message for the practice.
    case message
}

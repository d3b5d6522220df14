/// What the caller wants from the practice.
public enum Intent: String, CaseIterable, Sendable, Codable {
    /// A new appointment.
    case book
    /// Cancel an appointment.
    case cancel
    /// Move an appointment to another time.
    case reschedule
    /// A prescription: a refill, a renewal, a question about a medication.
    case prescription
    /// Test, lab or imaging results.
    case results
    /// Opening hours.
    case hours
    /// Where the practice is, how to get there, parking.
    case address
    /// A person: the receptionist, a nurse, someone real.
    case human
    /// Something urgent (set whenever the urgency detector fires).
    case emergency
    /// Nothing above fits, or the text says too little to tell.
    case other
}

/// One phrase that counted towards an intent, for explanations.
public struct IntentEvidence: Sendable, Equatable {
    /// The intent it counted for.
    public var intent: Intent

    /// The phrase pattern as written in the table, for example `make|book an? appointment`.
    public var pattern: String

    /// Its weight; negated phrases (`I don't want to cancel`) are listed with weight 0.
    public var weight: Double
}

/// The classifier's answer for one utterance.
public struct IntentResult: Sendable, Equatable {
    /// The best intent, or `other` when nothing scored enough.
    public var intent: Intent

    /// From 0 to 1: how sure the classifier is (see `IntentClassifier` for how it is computed).
    public var confidence: Double

    /// Whether the text asks for something: true when an intent's phrases scored enough, `other`'s own (a bill,
    /// a message for someone) included; false when `other` means nothing scored.
    public var isRequest: Bool

    /// The summed weight of each intent that scored, highest first.
    public var scores: [(intent: Intent, score: Double)]

    /// The phrases that matched, in the order of the text.
    public var evidence: [IntentEvidence]

    public static func == (lhs: IntentResult, rhs: IntentResult) -> Bool {
        lhs.intent == rhs.intent && lhs.confidence == rhs.confidence && lhs.isRequest == rhs.isRequest
            && lhs.evidence == rhs.evidence
            && lhs.scores.map(\.intent) == rhs.scores.map(\.intent)
            && lhs.scores.map(\.score) == rhs.scores.map(\.score)
    }
}

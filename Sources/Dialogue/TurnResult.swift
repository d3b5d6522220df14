import Understanding

/// What one caller turn said, as the dialogue needs it: the final text, its intent and slots, and urgency.
public struct TurnResult: Sendable, Equatable {
    /// The final hypothesis.
    public var text: String

    /// What the caller wants; `other` when the turn only answers a question (`Dr. Patel`, `yes`).
    public var intent: Intent

    /// The intent classifier's confidence, from 0 to 1. It gates the opening request and "anything else?";
    /// an answer to a narrower question (a doctor, a time, a yes) is judged by whether it holds that slot.
    public var confidence: Double

    /// Whether the turn asks for something. An `other` request (a bill, a message for someone) is taken as a
    /// message; an `other` that is not one (nothing the classifier knows) is a turn not understood.
    public var isRequest: Bool

    /// Whether the recognizer was unsure of these words: under its rejection threshold but not far under. The
    /// dialogue reads such an answer back ("I think you said Thursday afternoon. Is that right?") before acting on
    /// it. Urgency is never taken from an uncertain turn (see `TurnRecognition.finish`).
    public var isUncertain = false

    /// The details said.
    public var slots: Slots

    /// Whether the text rules or the audio spotter flagged the turn as urgent (see `UrgencyFusion`).
    public var isUrgent: Bool

    /// The kind of emergency when the text rules named one; `nil` when only the spotter fired or nothing did.
    public var urgency: UrgencyCategory?

    /// A turn result; `isRequest` defaults to whether `intent` is not `other`.
    public init(
        text: String, intent: Intent, confidence: Double, isRequest: Bool? = nil, slots: Slots = Slots(),
        isUrgent: Bool = false, urgency: UrgencyCategory? = nil
    ) {
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.isRequest = isRequest ?? (intent != .other)
        self.slots = slots
        self.isUrgent = isUrgent || urgency != nil
        self.urgency = urgency
    }

    /// The turn as the understanding layer read it; `isSpotterUrgent` adds the audio spotter's verdict.
    public init(_ understanding: Understanding, text: String, isSpotterUrgent: Bool = false) {
        self.init(
            text: text, intent: understanding.intent, confidence: understanding.confidence,
            isRequest: understanding.isRequest, slots: understanding.slots,
            isUrgent: understanding.isUrgent || isSpotterUrgent,
            urgency: understanding.urgency?.category)
    }
}

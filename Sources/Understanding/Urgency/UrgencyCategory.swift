/// The kinds of call that go to a person at once, whatever the caller asked for.
public enum UrgencyCategory: String, CaseIterable, Sendable, Codable {
    /// Chest pain, pressure or tightness; a heart attack.
    case chestPain
    /// Cannot breathe, trouble breathing, not breathing.
    case breathing
    /// Heavy bleeding, bleeding that will not stop, coughing or vomiting blood.
    case severeBleeding
    /// Unconscious, unresponsive, passed out, will not wake.
    case unresponsive
    /// Stroke signs: face drooping, slurred speech, arm weakness, or the word itself.
    case stroke
    /// A seizure or convulsions.
    case seizure
    /// Suicidal thoughts or self-harm.
    case suicidal
    /// A child with a high fever who is drowsy or hard to wake.
    case childFever
    /// An overdose or a poisoning.
    case overdose
    /// Anaphylaxis: throat, tongue or lips swelling, a severe allergic reaction.
    case anaphylaxis
    /// The caller says it is an emergency or asks for an ambulance.
    case statedEmergency
}

/// Where the urgency detector fired in one hypothesis.
public struct UrgencyFinding: Sendable, Equatable {
    /// What kind of emergency.
    public var category: UrgencyCategory

    /// The words that matched, for example `cant breathe`.
    public var phrase: String

    /// The matched words' positions in the hypothesis's word list (`TokenizedText.words`); for a rule made of
    /// several phrases (a child, a fever and drowsiness), from the first to the last.
    public var wordRange: Range<Int>
}

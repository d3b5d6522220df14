/// The urgent phrases every context recognizes.
public enum EmergencyPhrases {
    /// Spoken forms, as grammar alternatives: the short list the keyword search and the `intent` model start from.
    public static let spoken = [
        "help", "emergency", "it's an emergency", "i can't breathe", "he can't breathe", "she can't breathe",
        "chest pain", "he's not breathing", "she's not breathing", "he's unconscious", "she's unconscious",
        "bleeding badly", "having a seizure", "having a stroke", "overdose",
    ]

    /// The `<emergency>` rule of the small grammars (`yesNo`, `digits`, `name`): `spoken`, phrase by phrase. The
    /// sentences of `grammarRules` cost those grammars their own answers: on held-out voices (clean and 10 dB) yes/no
    /// answers fell from 0.625 to 0.542 sentences right (63 → 78 of 96 rejected), digit strings from 47 to 60 of 72
    /// rejected, the answers' words losing to the emergency rule's (a wider form of the rules, measured; README,
    /// "Recognition").
    public static let bareRule = (name: "emergency", alternatives: spoken)

    /// The `<emergency>` rule of the `time` and `dateOfBirth` grammars and the rules under it: `spoken`, or a short
    /// sentence of who ("my husband", "he", "i") and what is happening ("is having chest pain", "can't breathe",
    /// "won't wake up", "took too many pills"), as a caller says it when an emergency interrupts a question about
    /// something else ("actually I have really bad chest pain right now", asked for a day). With the bare phrases
    /// alone the time grammar forced that sentence onto its own answers ("by two a m today") and rejected it.
    ///
    /// Kept small: pocketsphinx's search graph grows with every alternative, and a wider form (leads such as "hi
    /// there", tails such as "and it won't stop", every family member) took 0.65 MB more per `time` decoder, over the
    /// 5 MB target, and 1.8 % false alarms on held-out speech; this one takes 0.17 MB. Every sentence it produces is
    /// flagged by the understanding layer's urgency rules (`RecognitionContextTests` samples them). The wording
    /// follows the understanding tuning set's urgent sentences, never the development or held-out sets.
    public static let grammarRules: [(name: String, alternatives: [String])] = [
        ("emergency", ["help", "[actually] (<emergencyPhrase> | [<emergencyWho>] <emergencyState>) [right now]"]),
        ("emergencyPhrase", Self.spoken.filter { $0 != "help" }),
        ("emergencyWho", ["i", "he", "she", "my (husband | wife | son | daughter)"]),
        (
            "emergencyState",
            [
                "(have | has | is having) [really bad] (chest pain | a seizure | a stroke)",
                "can't breathe", "is not breathing", "is unconscious", "is bleeding (heavily | badly)",
                "won't wake up", "took too many pills",
            ]
        ),
    ]
}

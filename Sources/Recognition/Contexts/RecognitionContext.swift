/// The kinds of question the dialogue asks, each recognized with its own small grammar and dictionary.
///
/// Not real-time safe: control thread only.
public enum RecognitionContext: String, CaseIterable, Sendable {
    /// Phone numbers and other digit strings.
    case digits
    /// Yes or no, and their everyday variants.
    case yesNo
    /// The opening request ("I need to see Dr. Patel on Tuesday"): a bigram model of our own over the caller
    /// sentences of the understanding layer's tuning set, with the emergency phrases as sentences of their own.
    case intent
    /// Days, dates and times of day ("next tuesday morning", "the fifteenth at three thirty", "quarter to four").
    case time
    /// A date of birth with its year ("the fourth of july nineteen eighty two", "oh three oh four eighty one").
    case dateOfBirth
    /// A person's name from a list given at run time (the practice's doctors and patients): "doctor patel", "my
    /// name is maria gonzalez". Without a list, the default practice's doctors (`defaultNames`).
    case name
    /// Anything: Debian's general English language model and the full dictionary. Slow (about 0.3 CPU seconds
    /// per audio second, ~90 MB per decoder) and the least accurate on a narrow question; for free-text answers.
    case open

    /// The grammar of this context, with the emergency phrases beside its own; `nil` for `open` and `intent`,
    /// which use language models (emergency phrases are ordinary English there, and sentences of `intent`'s).
    /// The `name` grammar is the one for `defaultNames`; see `grammar(names:)`.
    public var grammar: RecognitionGrammar? { self.grammar(names: Self.defaultNames) }

    /// The grammar of this context; `names` and `includesCommonNames` are used by `name` only (see
    /// `nameGrammar(names:includesCommonNames:)`).
    public func grammar(names: [String], includesCommonNames: Bool = false) -> RecognitionGrammar? {
        switch self {
        case .open, .intent:
            return nil
        case .time:
            return Self.timeGrammar
        case .dateOfBirth:
            return Self.dateOfBirthGrammar
        case .name:
            return Self.nameGrammar(names: names, includesCommonNames: includesCommonNames)
        case .digits:
            return RecognitionGrammar(
                name: "digits", utterance: "<digit>+ | <emergency>",
                rules: [
                    (
                        "digit",
                        ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
                    ),
                    EmergencyPhrases.bareRule,
                ])
        case .yesNo:
            return RecognitionGrammar(
                name: "yesno", utterance: "<yes> | <no> | <emergency>",
                rules: [
                    (
                        "yes",
                        [
                            "yes", "yeah", "yep", "yes please", "that's right", "correct", "sure", "okay",
                            "that's fine", "yes that's right",
                        ]
                    ),
                    (
                        "no",
                        [
                            "no", "nope", "no thanks", "no thank you", "that's wrong", "not really", "that's not right",
                            "no that's not right", "that's not it",
                        ]
                    ),
                    EmergencyPhrases.bareRule,
                ])
        }
    }
}

extension RecognitionContext {
    /// The sentences of a context built on a language model of our own, in spoken form; `nil` for the others.
    public var trainingSentences: [[String]]? {
        switch self {
        case .intent:
            return
                (IntentSentences.written + ClosingSentences.written + RequestSentences.written
                + EmergencyPhrases.spoken)
                .map(SpokenText.words)
                .filter { !$0.isEmpty }
        case .digits, .yesNo, .time, .dateOfBirth, .name, .open:
            return nil
        }
    }
}

extension RecognitionContext {
    /// pocketsphinx options of this context's decoder beyond `PocketSphinxDecoder`'s defaults.
    var decoderOptions: [String] {
        switch self {
        case .intent:
            return []
        case .digits, .yesNo, .time, .dateOfBirth, .name, .open:
            return []
        }
    }
}

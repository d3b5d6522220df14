extension RecognitionContext {
    /// The `dateOfBirth` grammar: a full date with its year, as callers give a date of birth ("the fourth of
    /// july nineteen eighty two", "twelfth of march two thousand and five", "march third sixty five", "oh three
    /// oh four eighty one" for 03/04/81), optionally after a lead ("my date of birth is", "i was born on").
    ///
    /// Numeric dates are month first, as in the US, and need an `oh` in the month or the day ("oh three twelve
    /// eighty", "twelve oh five ninety"), which is what tells them from a clock time. Every phrase is one the understanding layer's date-of-birth
    /// slot reads (`DateExtractor`); `RecognitionContextTests` holds the two together.
    static var dateOfBirthGrammar: RecognitionGrammar {
        RecognitionGrammar(
            name: "dateofbirth", utterance: "[<lead>] <date> | <emergency>",
            rules: [
                (
                    "lead",
                    [
                        "my date of birth is", "date of birth", "my birthday is", "i was born on", "born on",
                        "it's", "it is", "that's",
                    ]
                ),
                (
                    "date",
                    [
                        "[the] <ordinal> [of] <month> <year>", "<month> [the] <ordinal> <year>",
                        "oh <unit> <numericDay> <year>", "(ten | eleven | twelve) oh <unit> <year>",
                    ]
                ),
                (
                    "year",
                    [
                        "nineteen <yearInCentury>", "two thousand [[and] <yearOfTwoThousand>]", "<shortYear>",
                    ]
                ),
                (
                    "yearInCentury",
                    ["oh <unit>", "<teen>", "<tens> [<unit>]"]
                ),
                // Up to this year: a later one is an appointment, not a birth.
                ("yearOfTwoThousand", ["<unit>", "<teen>", "twenty [one | two | three | four | five]"]),
                ("shortYear", ["<tens> [<unit>]"]),
                ("numericDay", ["oh <unit>", "<teen>", "twenty [<unit>]", "thirty", "thirty one"]),
                ("unit", SpokenVocabulary.units),
                ("teen", SpokenVocabulary.teens),
                ("tens", SpokenVocabulary.tens),
                ("month", SpokenVocabulary.months),
                ("ordinal", SpokenVocabulary.dayOrdinals),
            ] + EmergencyPhrases.grammarRules)
    }
}

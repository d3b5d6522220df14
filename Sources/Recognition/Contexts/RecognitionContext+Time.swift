extension RecognitionContext {
    /// The `time` grammar: days, dates and times of day as callers say them when asked when they would like to
    /// come in ("next tuesday morning", "the fifteenth at three thirty", "monday the third of march", "quarter to
    /// four", "any time next week", "as soon as possible"), each optionally after a short lead ("how about",
    /// "maybe", "do you have anything").
    ///
    /// Every phrase it produces is one the understanding layer's day and time slots read (`DateExtractor`,
    /// `TimeExtractor`); `RecognitionContextTests` holds the two together.
    static var timeGrammar: RecognitionGrammar {
        RecognitionGrammar(
            name: "time", utterance: "[<lead>] <when> | <emergency>",
            rules: [
                (
                    "lead",
                    [
                        "how about", "what about", "maybe", "i can do", "i can come", "is there anything",
                        "do you have anything", "i'd like", "sometime", "preferably",
                    ]
                ),
                (
                    "when",
                    [
                        // A day after the time is the short forms only ("at ten tomorrow", "before lunch on
                        // wednesday"): a second full `<day>` would cost a megabyte per decoder.
                        "(<day> | <span>) [<dayTime>]", "<dayTime> [today | tomorrow | on <weekday>]", "<soon>",
                    ]
                ),
                // Each reference to a rule is a copy of it in pocketsphinx's search graph, so the rules are shaped
                // to name `<weekday>`, `<ordinal>`, `<hour>` and the like as few times as possible: that keeps
                // a decoder's memory down (see the README).
                (
                    "day",
                    [
                        "today", "tomorrow", "the day after tomorrow",
                        "[on | this | next | this coming | a week on] <weekday> [next week | after next]",
                        "[on] [<weekday>] the <ordinal> [of <month>]", "[on] <month> [the] <ordinal>",
                        "in (<count> (days | weeks) | a week | a couple of weeks | a fortnight)", "a week from today",
                    ]
                ),
                (
                    "span",
                    [
                        "[any time | sometime] (next week | this week | the week after next)", "later this week",
                        "this weekend", "next weekend",
                    ]
                ),
                (
                    "soon",
                    [
                        "as soon as possible", "as soon as you can", "the earliest you have", "the first available",
                        "your first available appointment", "right away", "asap",
                    ]
                ),
                (
                    "dayTime",
                    [
                        "<part>", "[<cue>] <clock>", "<cue> <hour>", "(after | before) lunch", "at lunchtime",
                        "first thing [in the morning]", "tonight",
                    ]
                ),
                ("part", ["[in the] (morning | afternoon | evening)"]),
                ("cue", ["at", "around", "about", "after", "before", "by"]),
                (
                    "clock",
                    [
                        "<hour> (<minutes> [<meridiem>] | o'clock [<meridiem>] | <meridiem>)", "noon", "midday",
                        "(half past | [a] quarter (past | to) | (five | ten | twenty | twenty five) (past | to)) <hour> "
                            + "[<meridiem>]",
                    ]
                ),
                ("meridiem", ["a m", "p m", "in the morning", "in the afternoon", "in the evening"]),
                ("hour", SpokenVocabulary.hours),
                (
                    "minutes",
                    [
                        "oh five", "ten", "fifteen", "twenty", "twenty five", "thirty", "thirty five", "forty",
                        "forty five", "fifty", "fifty five",
                    ]
                ),
                ("count", ["two", "three", "four", "five", "six"]),
                ("weekday", SpokenVocabulary.weekdays),
                ("month", SpokenVocabulary.months),
                ("ordinal", SpokenVocabulary.dayOrdinals),
            ] + EmergencyPhrases.grammarRules)
    }
}

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
                        "<day> [<dayTime>]", "<dayTime> [<day>]", "<span> [<dayTime>]", "<soon>",
                    ]
                ),
                (
                    "day",
                    [
                        "today", "tomorrow", "the day after tomorrow", "[on] <weekday>", "this <weekday>",
                        "this coming <weekday>", "next <weekday>", "<weekday> next week", "<weekday> after next",
                        "a week on <weekday>", "[on] the <ordinal> [of <month>]",
                        "[on] <weekday> the <ordinal> [of <month>]", "[on] <month> [the] <ordinal>",
                        "in <count> (days | weeks)", "in a week", "in a couple of weeks", "in a fortnight",
                        "a week from today",
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
                        "<part>", "<clockTime>", "<cue> <hour>", "after lunch", "before lunch", "at lunchtime",
                        "first thing [in the morning]", "tonight",
                    ]
                ),
                ("part", ["[in the] (morning | afternoon | evening)"]),
                ("cue", ["at", "around", "about", "after", "before", "by"]),
                ("clockTime", ["[<cue>] <clock>"]),
                (
                    "clock",
                    [
                        "<hour> <minutes> [<meridiem>]", "<hour> <meridiem>", "<hour> o'clock [<meridiem>]", "noon",
                        "midday", "half past <hour> [<meridiem>]", "[a] quarter (past | to) <hour> [<meridiem>]",
                        "(five | ten | twenty | twenty five) (past | to) <hour> [<meridiem>]",
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
                ("emergency", EmergencyPhrases.spoken),
            ])
    }
}

import Foundation

/// Finds every slot in one utterance: doctor, day, time, date of birth, name, phone number, yes/no and reason.
///
/// The extractors run in an order that keeps them from reading each other's words: phone digits first, then
/// dates (which also finds dates of birth), then times, which skip the words a date or a phone number used.
///
/// Not real-time safe: allocates; call from the dialogue side, never from an audio thread.
struct SlotExtractor {
    /// The practice's doctors as given (`Dr. Patel`), with the word that names each (`patel`).
    let doctors: [(name: String, surname: String)]
    let context: CalendarContext

    init(doctors: [String], context: CalendarContext) {
        self.doctors = doctors.compactMap { name in
            TokenizedText(name).words.last.map { (name, $0) }
        }
        self.context = context
    }

    func extract(_ words: [String], intent: Intent) -> Slots {
        var slots = Slots()
        var consumed = [Bool](repeating: false, count: words.count)

        if let (digits, range) = Self.phoneNumber(words) {
            slots.phoneNumber = digits
            for index in range { consumed[index] = true }
        }
        let dates = DateExtractor(context: self.context).extract(words, consumed: consumed)
        if let (day, range) = dates.day {
            slots.day = day
            for index in range { consumed[index] = true }
        }
        if let (birth, range) = dates.dateOfBirth {
            slots.dateOfBirth = birth
            for index in range { consumed[index] = true }
        }
        slots.time = TimeExtractor().extract(words, consumed: consumed)
        slots.doctor = self.doctor(words)
        slots.patientName = self.patientName(words)
        slots.answer = Self.answer(words)
        if intent == .book || intent == .reschedule {
            slots.reason = self.reason(words)
        }
        return slots
    }

    /// The first doctor whose surname is said.
    func doctor(_ words: [String]) -> String? {
        for word in words {
            if let doctor = self.doctors.first(where: { $0.surname == word }) { return doctor.name }
        }
        return nil
    }

    // MARK: Phone numbers

    static let digitWords: [String: Character] = [
        "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
        "seven": "7", "eight": "8", "nine": "9",
    ]

    // TODO: numbers said in pairs or groups (`five fifty five, twelve thirty four`) and `eight hundred` are not
    // read as digits, so such phone numbers are missed.
    /// The longest run of 7 to 15 digits said one by one (`five five five one two three …`), with `oh` for zero,
    /// `double five`, `triple two`, and written groups (`555 123 4567`).
    static func phoneNumber(_ words: [String]) -> (String, Range<Int>)? {
        var best: (String, Range<Int>)?
        var index = 0
        while index < words.count {
            var digits = ""
            var end = index
            while end < words.count {
                let word = words[end]
                if word.allSatisfy(\.isASCII), !word.isEmpty, word.allSatisfy(\.isNumber) {
                    digits += word
                    end += 1
                } else if let digit = Self.digitWords[word],
                    word != "oh" && word != "o" || !digits.isEmpty
                        || (end + 1 < words.count && Self.isDigit(words[end + 1]))
                {
                    digits.append(digit)
                    end += 1
                } else if (word == "double" || word == "triple"), end + 1 < words.count,
                    let digit = Self.digitWords[words[end + 1]]
                {
                    digits += String(repeating: digit, count: word == "double" ? 2 : 3)
                    end += 2
                } else {
                    break
                }
            }
            if (7...15).contains(digits.count), best.map({ digits.count > $0.0.count }) ?? true {
                best = (digits, index..<end)
            }
            index = max(end, index + 1)
        }
        return best
    }

    private static func isDigit(_ word: String) -> Bool {
        Self.digitWords[word] != nil || (!word.isEmpty && word.allSatisfy { $0.isASCII && $0.isNumber })
            || word == "double" || word == "triple"
    }

    // MARK: Yes and no

    static let noPhrases = [
        "no|nope|nah|negative|incorrect|wrong", "not really|quite|right|correct", "not at all", "i dont think so",
        "thats|that is? wrong|incorrect", "thats|that is? not right|correct",
    ].map(PhrasePattern.init)
    static let yesPhrases = [
        "yes|yeah|yep|yup|yea|ya|correct|absolutely|definitely|certainly|affirmative|mhm|indeed",
        "thats|that is? right|correct|it|fine|perfect|great", "sounds good|great|right|fine|perfect", "please do",
        "go ahead", "of course", "you got it", "exactly",
    ].map(PhrasePattern.init)
    /// Words that are a yes only when the utterance is short (`okay`, not `okay so I need a refill`).
    static let weakYes = PhrasePattern("ok|okay|alright|sure|right|fine|perfect|great")
    static let leadIns: Set<String> = ["oh", "well", "hi", "hello", "so", "and", "but"]

    /// A yes or no at the start of the utterance (after `oh`, `well`).
    static func answer(_ words: [String]) -> YesNo? {
        var start = 0
        while start < words.count, Self.leadIns.contains(words[start]) { start += 1 }
        let rest = Array(words[start...])
        let starts: (PhrasePattern) -> Bool = { $0.firstMatch(in: rest)?.lowerBound == 0 }
        // `yeah hi,` and `yes hello` open a call; they answer nothing.
        if rest.count > 1, ["hi", "hello", "hey"].contains(rest[1]) { return nil }
        // `hi yes, I need …` answers the phone, not a question.
        if start > 0, ["hi", "hello"].contains(words[start - 1]), rest.count > 3 { return nil }
        if Self.noPhrases.contains(where: starts) { return .no }
        if Self.yesPhrases.contains(where: starts) { return .yes }
        if rest.count <= 4, starts(Self.weakYes) { return .yes }
        return nil
    }

    // MARK: Names

    static let nameIntroductions = [
        "my name is", "my names", "the name is", "name is", "this is", "its", "it is", "i am", "im", "speaking with",
    ].map(PhrasePattern.init)
    /// Introductions that also start ordinary sentences (`it's about`, `I'm having`): the name must be followed
    /// by `calling`, `here`, `speaking`, `and`, or end the utterance.
    static let weakIntroductions: Set<String> = ["its", "it is", "i am", "im"]
    static let nameEnders: Set<String> = ["calling", "here", "speaking", "and", "from"]

    // TODO: spelled names (`that's S M I T H`) and a corrected repeat (`Rodriguez, Ana Rodriguez`) are not
    // handled; the name comes out as said, up to three words.
    /// The name after `my name is`, `this is`, `it's … calling`: up to three words that are not common words.
    func patientName(_ words: [String]) -> String? {
        for pattern in Self.nameIntroductions {
            for range in pattern.matches(in: words) {
                var end = range.upperBound
                while end < words.count, end - range.upperBound < 3, Self.isNameWord(words[end]),
                    !self.doctors.contains(where: { $0.surname == words[end] })
                {
                    end += 1
                }
                guard end > range.upperBound else { continue }
                // `it's Maria calling` and `hi it's Maria` give a name; `I think it's anaphylaxis` does not.
                if Self.weakIntroductions.contains(pattern.description) {
                    let isFollowed = end < words.count && Self.nameEnders.contains(words[end])
                    let opensUtterance = words[..<range.lowerBound].allSatisfy { Self.leadIns.contains($0) }
                    if !isFollowed && !(end == words.count && opensUtterance) { continue }
                }
                return words[range.upperBound..<end].map(\.capitalized).joined(separator: " ")
            }
        }
        return nil
    }

    static func isNameWord(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { $0.isLetter } && !CommonWords.all.contains(word)
    }

    // MARK: Reason

    static let reasonMarkers = [
        "hes|shes|ive|weve|theyve got", "for", "because of?", "about", "regarding", "reason is", "its for",
    ].map(
        PhrasePattern.init)
    static let reasonLeading: Set<String> = [
        "a", "an", "my", "the", "some", "his", "her", "our", "their", "this", "that",
    ]
    static let reasonStops: Set<String> = [
        "with", "on", "at", "next", "this", "tomorrow", "today", "please", "if", "as", "sometime", "in", "dr", "doctor",
        "and", "but", "so", "around", "before", "after", "by", "thanks", "thank", "asap", "any", "anytime",
    ]
    static let notReasons: Set<String> = [
        "appointment", "appt", "me", "him", "her", "myself", "son", "daughter", "husband", "wife", "child", "kid",
        "mom", "mother", "dad", "father", "baby", "family", "tomorrow", "today", "next", "the", "this", "visit",
        "checkup", "slot", "time", "someone", "it", "that", "us", "them", "a", "an", "something", "anything", "day",
        "earliest", "soonest", "first", "next", "soon", "later",
    ]

    /// What the visit is for: the words after `for`, `because`, `about` up to a day, time or doctor word.
    func reason(_ words: [String]) -> String? {
        let dayWords = Set(DateExtractor.weekdays.keys).union(DateExtractor.months.keys).union([
            "morning", "afternoon", "evening", "week", "weeks", "tonight",
        ])
        for marker in Self.reasonMarkers {
            for range in marker.matches(in: words) {
                var start = range.upperBound
                while start < words.count, Self.reasonLeading.contains(words[start]) { start += 1 }
                var end = start
                while end < words.count, end - start < 6, !Self.reasonStops.contains(words[end]),
                    !dayWords.contains(words[end]), !self.doctors.contains(where: { $0.surname == words[end] }),
                    SpokenNumber.cardinal(words, at: end) == nil, SpokenNumber.ordinal(words, at: end) == nil,
                    !(words[end] == "the" && end + 1 < words.count
                        && (dayWords.contains(words[end + 1]) || SpokenNumber.ordinal(words, at: end + 1) != nil))
                {
                    end += 1
                }
                guard end > start, !Self.notReasons.contains(words[start]) else { continue }
                return words[start..<end].joined(separator: " ")
            }
        }
        return nil
    }
}

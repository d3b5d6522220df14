/// Finds a time-of-day preference in words.
///
/// What it reads: `3:30 pm`, `10am`, `at 4`, `three thirty`, `two oh five`, `half past two`, `quarter past
/// three`, `quarter to five`, `ten past four`, `twenty to five`, `noon`, `after 4`, `before noon`, `by 10`,
/// `morning`, `afternoon`, `evening`, `tonight`, `first thing`, `after lunch`. A clock time beats a part of the
/// day; a part of the day still decides am or pm (`three in the afternoon`).
///
/// Without am, pm or a part of the day, an hour is read as clinic hours are: 7 to 11 in the morning, 12 at noon,
/// 1 to 6 in the afternoon. A bare hour needs a cue (`at`, `after`, `before`, `around`, `by`, am/pm, `oclock`)
/// or minutes (`three thirty`), so that `two weeks` or `one of my pills` are not times.
struct TimeExtractor {
    static let after: Set<String> = ["after", "from", "past"]
    static let before: Set<String> = ["before", "by", "until", "till", "til"]
    static let at: Set<String> = ["at", "around", "about", "say", "maybe", "roughly", "approximately"]
    /// Words after a number that make it a count, not an hour.
    static let counts: Set<String> = [
        "week", "weeks", "day", "days", "month", "months", "year", "years", "hours", "hour", "minutes", "times",
        "pills", "tablets", "people", "kids", "children", "of", "more", "doses", "dose", "mg", "milligrams",
    ]

    func extract(_ words: [String], consumed: [Bool]) -> TimePreference? {
        let part = self.partOfDay(words)
        var index = 0
        while index < words.count {
            guard !consumed[index], let (time, count) = self.clockTime(words, at: index, consumed: consumed) else {
                index += 1
                continue
            }
            let hour = self.resolveHour(time.hour, meridiem: time.meridiem, part: part)
            let clock = ClockTime(hour: hour, minute: time.minute)
            let before = index > 0 ? words[index - 1] : ""
            let twoBefore = index > 1 ? words[index - 2] : ""
            if Self.after.contains(before) || (before == "than" && twoBefore == "later")
                || (before == "anytime" || before == "any" || before == "time") && twoBefore == "after"
            {
                return .after(clock)
            }
            if Self.before.contains(before) || (before == "than" && twoBefore == "earlier") {
                return .before(clock)
            }
            _ = count
            return .at(clock)
        }
        return part.map { .partOfDay($0) } ?? self.mealTime(words)
    }

    /// `after lunch`, `before lunch`, `lunchtime`.
    private func mealTime(_ words: [String]) -> TimePreference? {
        for (index, word) in words.enumerated() where word == "lunch" || word == "lunchtime" {
            let before = index > 0 ? words[index - 1] : ""
            if before == "after" { return .after(ClockTime(hour: 13, minute: 0)) }
            if before == "before" { return .before(ClockTime(hour: 12, minute: 0)) }
            return .at(ClockTime(hour: 12, minute: 0))
        }
        return nil
    }

    /// The part of the day named anywhere in the words.
    func partOfDay(_ words: [String]) -> PartOfDay? {
        for (index, word) in words.enumerated() {
            // `good morning` greets; it asks for no time.
            if index > 0, words[index - 1] == "good" { continue }
            switch word {
            case "morning", "mornings": return .morning
            case "afternoon", "afternoons": return .afternoon
            case "evening", "evenings", "tonight": return .evening
            case "first" where index + 1 < words.count && words[index + 1] == "thing": return .morning
            default: continue
            }
        }
        return nil
    }

    struct SpokenTime {
        var hour: Int
        var minute: Int
        /// `am`, `pm`, or nil when not said.
        var meridiem: String?
    }

    /// A clock time starting at `index`.
    private func clockTime(_ words: [String], at index: Int, consumed: [Bool]) -> (SpokenTime, Int)? {
        let word = words[index]
        let before = index > 0 ? words[index - 1] : ""
        if word == "noon" || word == "midday" { return (SpokenTime(hour: 12, minute: 0, meridiem: "pm"), 1) }

        // half past two, quarter past three, quarter to five, ten past four, twenty to five.
        var offset: (minutes: Int, count: Int)?
        if word == "half" { offset = (30, 1) }
        if word == "quarter" { offset = (15, 1) }
        if word == "a", index + 1 < words.count, words[index + 1] == "quarter" { offset = (15, 2) }
        if offset == nil, let number = SpokenNumber.cardinal(words, at: index), [5, 10, 20, 25].contains(number.value) {
            offset = (number.value, number.count)
        }
        if let (minutes, count) = offset, index + count + 1 < words.count {
            let relation = words[index + count]
            if relation == "past" || relation == "to" || relation == "after" && minutes != 30,
                let hour = self.hour(words, at: index + count + 1)
            {
                let used = count + 1 + hour.count
                let meridiem = self.meridiem(words, at: index + used)
                if relation == "to" {
                    let previous = hour.value == 1 ? 12 : hour.value - 1
                    return (
                        SpokenTime(hour: previous, minute: 60 - minutes, meridiem: meridiem.value),
                        used + meridiem.count
                    )
                }
                return (SpokenTime(hour: hour.value, minute: minutes, meridiem: meridiem.value), used + meridiem.count)
            }
        }

        // 3:30, 3:30 pm.
        if word.contains(":") {
            let parts = word.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else { return nil }
            let meridiem = self.meridiem(words, at: index + 1)
            return (SpokenTime(hour: parts[0], minute: parts[1], meridiem: meridiem.value), 1 + meridiem.count)
        }

        // 4, four, four pm, three thirty, two oh five, 10 oclock.
        guard let hour = self.hour(words, at: index) else { return nil }
        var used = hour.count
        var minute = 0
        var hasMinutes = false
        if let minutes = self.minutes(words, at: index + used), !consumed[index + used] {
            minute = minutes.value
            used += minutes.count
            hasMinutes = true
        }
        let meridiem = self.meridiem(words, at: index + used)
        used += meridiem.count
        let next = index + used < words.count ? words[index + used] : ""
        let hasCue =
            Self.after.contains(before) || Self.before.contains(before) || Self.at.contains(before)
            || meridiem.count > 0
        guard hasCue || hasMinutes, !Self.counts.contains(next) else { return nil }
        return (SpokenTime(hour: hour.value, minute: minute, meridiem: meridiem.value), used)
    }

    /// An hour from 1 to 12 (or a written 0–23) in words or digits.
    private func hour(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        guard index < words.count else { return nil }
        if let value = Int(words[index]) {
            return (0...23).contains(value) && words[index].count <= 2 ? (value, 1) : nil
        }
        guard let value = SpokenNumber.units[words[index]] ?? SpokenNumber.teens[words[index]], (1...12).contains(value)
        else { return nil }
        return (value, 1)
    }

    /// Minutes after an hour: `thirty`, `forty five`, `oh five`, `15`, `oclock` (0).
    private func minutes(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        guard index < words.count else { return nil }
        let word = words[index]
        if word == "oclock" { return (0, 1) }
        if word == "oh" || word == "o", let unit = SpokenNumber.units[safe: words, index + 1], unit > 0 {
            return (unit, 2)
        }
        if let value = Int(word) { return word.count == 2 && (0...59).contains(value) ? (value, 1) : nil }
        guard let number = SpokenNumber.cardinal(words, at: index), (10...59).contains(number.value) else { return nil }
        return number
    }

    /// `am`, `pm`, `a m`, `p m`, `oclock`, `in the morning`, `in the afternoon` after a time.
    private func meridiem(_ words: [String], at index: Int) -> (value: String?, count: Int) {
        guard index < words.count else { return (nil, 0) }
        let word = words[index]
        let next = index + 1 < words.count ? words[index + 1] : ""
        switch word {
        case "am": return ("am", 1)
        case "pm": return ("pm", 1)
        case "a" where next == "m": return ("am", 2)
        case "p" where next == "m": return ("pm", 2)
        case "oclock": return (nil, 1)
        default: return (nil, 0)
        }
    }

    /// A 24-hour hour from a said hour, am/pm, and the part of the day.
    private func resolveHour(_ hour: Int, meridiem: String?, part: PartOfDay?) -> Int {
        if hour > 12 { return hour }
        switch meridiem ?? (part == .morning ? "am" : part == nil ? nil : "pm") {
        case "am": return hour == 12 ? 0 : hour
        case "pm": return hour == 12 ? 12 : hour + 12
        default: return (1...6).contains(hour) ? hour + 12 : hour
        }
    }
}

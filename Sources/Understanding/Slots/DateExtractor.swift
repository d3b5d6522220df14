/// Finds day preferences and dates of birth in words, resolved against "now".
///
/// What it reads: `today`, `tomorrow`, `the day after tomorrow`; weekdays bare or with `this`, `coming` or
/// `next`, and `<weekday> next week`; `next week`, `this week`, `the week after next`; `in two weeks`, `in 3
/// days`, `a week from today`; `the fifteenth`, `on the 3rd`; `March 3rd`, `the 3rd of March`, `3/18`; `as soon as
/// possible`, `asap`, `earliest`, `first available`; `a week on Thursday` (the Thursday after the coming one); a
/// date after a weekday (`Monday the third of March`) is that date. A full date with a year before today (`the
/// fourth of July nineteen eighty two`, `07/04/1982`, `July 4 82`, `oh three oh four eighty one`, month first)
/// is a date of birth, not an appointment day.
///
/// How weekdays resolve (weeks start on Monday): a bare weekday or `coming <weekday>` is the next one strictly
/// after today (`Tuesday` said on a Tuesday is a week later); `this <weekday>` is that day of the current week
/// (today if today is that day), or the next one if it has passed; `next <weekday>` and `<weekday> next week`
/// are that day of next week, so `next Tuesday` said on a Sunday is two days later and said on a Tuesday is
/// seven. `the fifteenth` is the next 15th on or after today; `the 31st` said in a 30-day month is the 31st of
/// the next month that has one.
struct DateExtractor {
    let context: CalendarContext

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let weekdays: [String: Int] = [
        "monday": 1, "mondays": 1, "tuesday": 2, "tuesdays": 2, "wednesday": 3, "wednesdays": 3, "thursday": 4,
        "thursdays": 4, "friday": 5, "fridays": 5, "saturday": 6, "saturdays": 6, "sunday": 7, "sundays": 7,
    ]
    /// Words after an ordinal that make it something other than a day (`the first available`).
    static let notDayAfterOrdinal: Set<String> = [
        "available", "time", "thing", "week", "appointment", "one", "floor", "opening", "slot", "visit", "of",
    ]
    static let asSoonAsPossible = [
        "as soon as possible", "as soon as you|i|we can", "asap", "a s a p", "earliest|soonest", "first|next available",
        "right away", "straight away",
    ].map(PhrasePattern.init)
    static let dateOfBirthCues: Set<String> = ["born", "birth", "birthday", "dob", "birthdate"]

    /// A calendar date as said: month and day, and the year when one was said.
    struct SpokenDate {
        var month: Int
        var day: Int
        var year: Int?
        var count: Int
    }

    /// What the words say about the day, with the word ranges used.
    struct Found {
        var day: (DayPreference, Range<Int>)?
        var dateOfBirth: (CalendarDay, Range<Int>)?
    }

    func extract(_ words: [String], consumed: [Bool]) -> Found {
        var found = Found()
        let hasBirthCue = words.contains { Self.dateOfBirthCues.contains($0) }
        var index = 0
        while index < words.count {
            if consumed[index] {
                index += 1
                continue
            }
            if let (date, count) = self.spokenDate(words, at: index) {
                let range = index..<(index + count)
                if let year = date.year, self.context.isValid(year: year, month: date.month, day: date.day) {
                    let day = CalendarDay(year: year, month: date.month, day: date.day)
                    if hasBirthCue || day < self.context.today {
                        if found.dateOfBirth == nil { found.dateOfBirth = (day, range) }
                    } else if found.day == nil {
                        found.day = (.date(day), range)
                    }
                } else if date.year == nil, found.day == nil {
                    let day =
                        date.month == 0
                        ? self.context.nextDayOfMonth(date.day)
                        : self.context.nextDate(month: date.month, day: date.day)
                    if let day { found.day = (.date(day), range) }
                }
                index += count
                continue
            }
            // `Monday the third of March`: the date says which Monday, so the weekday gives way to it.
            if Self.weekdays[words[index]] != nil, index + 1 < words.count, words[index + 1] == "the",
                self.spokenDate(words, at: index + 1) != nil
            {
                index += 1
                continue
            }
            if found.day == nil, let (preference, count) = self.relativeDay(words, at: index) {
                found.day = (preference, index..<(index + count))
                index += count
                continue
            }
            index += 1
        }
        if found.day == nil {
            for pattern in Self.asSoonAsPossible {
                if let range = pattern.firstMatch(in: words) {
                    found.day = (.asSoonAsPossible, range)
                    break
                }
            }
        }
        return found
    }

    /// `today`, `tomorrow`, weekdays, `next week`, `in two weeks` at `index`.
    private func relativeDay(_ words: [String], at index: Int) -> (DayPreference, Int)? {
        let word = words[index]
        let next = index + 1 < words.count ? words[index + 1] : ""
        let afterNext = index + 2 < words.count ? words[index + 2] : ""
        let today = self.context.today
        let thisMonday = self.context.thisMonday

        switch word {
        case "today", "tonight":
            return (.date(today), 1)
        case "tomorrow", "tmrw", "tomorow":
            return (.date(self.context.adding(days: 1, to: today)), 1)
        case "day" where next == "after" && afterNext == "tomorrow":
            return (.date(self.context.adding(days: 2, to: today)), 3)
        case "this" where ["morning", "afternoon", "evening"].contains(next):
            return (.date(today), 1)
        case "later" where next == "this" && afterNext == "week":
            return (.week(startingOn: thisMonday), 3)
        case _ where ["next", "this", "coming"].contains(word) && next == "week":
            return (.week(startingOn: word == "this" ? thisMonday : self.context.adding(days: 7, to: thisMonday)), 2)
        case _ where ["next", "this", "coming"].contains(word) && next == "weekend":
            let saturday = self.context.adding(days: word == "next" ? 12 : 5, to: thisMonday)
            return (.date(saturday < today ? self.context.adding(days: 7, to: saturday) : saturday), 2)
        case "week" where next == "after" && afterNext == "next":
            return (.week(startingOn: self.context.adding(days: 14, to: thisMonday)), 3)
        default:
            break
        }

        if let weekday = Self.weekdays[word] {
            let before = index > 0 ? words[index - 1] : ""
            // `a week on Thursday`: the Thursday after the coming one.
            if before == "on", index > 2, words[index - 2] == "week", words[index - 3] == "a" {
                return (.date(self.context.adding(days: 7, to: self.context.following(weekday))), 1)
            }
            let nextWeek = next == "next" && afterNext == "week"
            let thisWeek = next == "this" && afterNext == "week"
            if before == "next" || nextWeek {
                return (.date(self.context.adding(days: 7 + weekday - 1, to: thisMonday)), nextWeek ? 3 : 1)
            }
            if before == "this" || thisWeek {
                let day = self.context.thisWeek(weekday)
                return (.date(day < today ? self.context.following(weekday) : day), thisWeek ? 3 : 1)
            }
            if next == "after" && afterNext == "next" {
                return (.date(self.context.adding(days: 14 + weekday - 1, to: thisMonday)), 3)
            }
            return (.date(self.context.following(weekday)), 1)
        }

        // `in two weeks`, `in 3 days`, `in a week`, `in a couple of weeks`, `in a fortnight`.
        if word == "in" {
            if next == "a" && afterNext == "fortnight" { return (.date(self.context.adding(days: 14, to: today)), 3) }
            if let (days, count) = self.duration(words, at: index + 1) {
                return (.date(self.context.adding(days: days, to: today)), count + 1)
            }
        }
        // `two weeks from now`, `a week from today`.
        if let (days, count) = self.duration(words, at: index), index + count + 1 < words.count,
            words[index + count] == "from", ["now", "today"].contains(words[index + count + 1])
        {
            return (.date(self.context.adding(days: days, to: today)), count + 2)
        }
        return nil
    }

    /// `two weeks`, `a week`, `3 days`, `a couple of weeks` as a number of days.
    private func duration(_ words: [String], at index: Int) -> (Int, Int)? {
        guard index < words.count else { return nil }
        var count: Int
        var amount: Int
        if words[index] == "a" || words[index] == "one" {
            if index + 2 < words.count, words[index + 1] == "couple", words[index + 2] == "of" {
                (amount, count) = (2, 3)
            } else {
                (amount, count) = (1, 1)
            }
        } else if let number = SpokenNumber.cardinal(words, at: index), (1...52).contains(number.value) {
            (amount, count) = (number.value, number.count)
        } else {
            return nil
        }
        guard index + count < words.count else { return nil }
        switch words[index + count] {
        case "day", "days": return (amount, count + 1)
        case "week", "weeks": return (amount * 7, count + 1)
        default: return nil
        }
    }

    /// A calendar date at `index`; `month` is 0 for `the fifteenth`, which names only a day of the month.
    func spokenDate(_ words: [String], at index: Int) -> (SpokenDate, Int)? {
        let word = words[index]

        // 3/18, 07/04/1982, 7/4/82.
        if word.contains("/") {
            let parts = word.split(separator: "/").compactMap { Int($0) }
            guard parts.count >= 2, parts.count <= 3, (1...12).contains(parts[0]), (1...31).contains(parts[1])
            else { return nil }
            let year = parts.count == 3 ? self.fullYear(parts[2]) : nil
            return (SpokenDate(month: parts[0], day: parts[1], year: year, count: 1), 1)
        }

        // oh three oh four eighty one, twelve oh five nineteen ninety: month, day, year, with an `oh` in the
        // month or the day, which tells them from a clock time (`ten thirty`).
        if let month = self.numericPart(words, at: index, in: 1...12) {
            // `twenty two thousand six` is the 20th of 2006: a two-word day that leaves no year gives way to one.
            for isShort in [false, true] {
                guard let day = self.numericPart(words, at: index + month.count, in: 1...31, isShort: isShort),
                    month.hasOh || day.hasOh, let year = self.year(words, at: index + month.count + day.count)
                else { continue }
                let count = month.count + day.count + year.count
                return (SpokenDate(month: month.value, day: day.value, year: year.value, count: count), count)
            }
        }

        // March 3rd, March the third, March 3 1982, July 4 82.
        if let month = Self.months[word] {
            var position = index + 1
            if position < words.count, words[position] == "the" { position += 1 }
            guard let day = SpokenNumber.ordinal(words, at: position) ?? self.dayCardinal(words, at: position)
            else { return nil }
            position += day.count
            if position < words.count, words[position] == "of" { position += 1 }
            let year = self.year(words, at: position)
            let count = position + (year?.count ?? 0) - index
            return (SpokenDate(month: month, day: day.value, year: year?.value, count: count), count)
        }

        // The 3rd of March 1982, 4th July, the fifteenth, on the 15th.
        var position = index
        let hasThe = word == "the"
        if hasThe { position += 1 }
        guard let day = SpokenNumber.ordinal(words, at: position) else { return nil }
        position += day.count
        var hasOf = false
        if position < words.count, words[position] == "of" {
            hasOf = true
            position += 1
        }
        if position < words.count, let month = Self.months[words[position]],
            words[position] != "may" || hasOf || self.year(words, at: position + 1) != nil
        {
            position += 1
            let year = self.year(words, at: position)
            let count = position + (year?.count ?? 0) - index
            return (SpokenDate(month: month, day: day.value, year: year?.value, count: count), count)
        }
        let before = index > 0 ? words[index - 1] : ""
        guard !hasOf, hasThe || before == "on",
            position >= words.count || !Self.notDayAfterOrdinal.contains(words[position])
        else { return nil }
        return (SpokenDate(month: 0, day: day.value, year: nil, count: position - index), position - index)
    }

    /// A month or a day said as two digits, `oh three` (3) or `twelve`, within `range`; with `isShort`, only the
    /// first word of `twenty two` (20).
    private func numericPart(
        _ words: [String], at index: Int, in range: ClosedRange<Int>, isShort: Bool = false
    ) -> (value: Int, count: Int, hasOh: Bool)? {
        guard index < words.count else { return nil }
        if words[index] == "oh" || words[index] == "o" {
            guard let unit = SpokenNumber.units[safe: words, index + 1], unit > 0, range.contains(unit) else {
                return nil
            }
            return (unit, 2, true)
        }
        guard var number = SpokenNumber.cardinal(words, at: index), Int(words[index]) == nil else { return nil }
        // `thirty two thousand`: the day is thirty, not thirty-two.
        if !range.contains(number.value) || isShort, number.count == 2, let tens = SpokenNumber.tens[words[index]] {
            number = (tens, 1)
        }
        guard number.value >= 10, range.contains(number.value) else { return nil }
        return (number.value, number.count, false)
    }

    /// A day of the month written as a plain number after a month name (`March 3`).
    private func dayCardinal(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        guard let number = SpokenNumber.cardinal(words, at: index), (1...31).contains(number.value) else { return nil }
        return number
    }

    /// A year after a date: four digits or spoken, or two digits (`82`, `eighty two`) from 13 up.
    private func year(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        if let year = SpokenNumber.year(words, at: index) { return year }
        guard let number = SpokenNumber.cardinal(words, at: index),
            (13...99).contains(number.value) || words[index].count == 2 && Int(words[index]) != nil
        else { return nil }
        let next = index + number.count < words.count ? words[index + number.count] : ""
        guard !["am", "pm", "oclock"].contains(next) else { return nil }
        return (self.fullYear(number.value), number.count)
    }

    /// A two-digit year as the most recent year ending in those digits, not after this year.
    private func fullYear(_ value: Int) -> Int {
        guard value < 100 else { return value }
        let century = self.context.today.year / 100 * 100
        return century + value > self.context.today.year ? century - 100 + value : century + value
    }
}

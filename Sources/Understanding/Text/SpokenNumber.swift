/// Numbers said in words or written in digits: cardinals (`twenty five`, `25`), ordinals (`fifteenth`,
/// `twenty first`, `3rd`) and years (`nineteen eighty two`, `two thousand five`, `1982`).
///
/// Each parser reads at a position in a word list and returns the value and how many words it used, or `nil`.
enum SpokenNumber {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9,
    ]
    static let teens: [String: Int] = [
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90,
    ]
    static let ordinalUnits: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9,
    ]
    static let ordinalTeens: [String: Int] = [
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]

    /// A whole number from 0 to 99 in words, or digits of any length.
    static func cardinal(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        guard index < words.count else { return nil }
        let word = words[index]
        if let value = Int(word) { return (value, 1) }
        if let value = Self.units[word] ?? Self.teens[word] { return (value, 1) }
        if let value = Self.tens[word] {
            if index + 1 < words.count, let unit = Self.units[words[index + 1]], unit > 0 {
                return (value + unit, 2)
            }
            return (value, 1)
        }
        return nil
    }

    /// An ordinal day of the month, 1 to 31: `fifteenth`, `twenty first`, `15th`, `3rd`.
    static func ordinal(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        guard index < words.count else { return nil }
        let word = words[index]
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            if let value = Int(word.dropLast(2)) { return (value, 1) }
        }
        if let value = Self.ordinalUnits[word] ?? Self.ordinalTeens[word] { return (value, 1) }
        if let value = Self.tens[word], index + 1 < words.count, let unit = Self.ordinalUnits[words[index + 1]] {
            return (value + unit, 2)
        }
        return nil
    }

    /// A year: `1982`, `nineteen eighty two`, `nineteen oh five`, `two thousand five`, `two thousand and ten`.
    ///
    /// Two-digit years (`82`) are not read here; a caller that expects a year reads them with `cardinal`.
    static func year(_ words: [String], at index: Int) -> (value: Int, count: Int)? {
        guard index < words.count else { return nil }
        let word = words[index]
        if word.count == 4, let value = Int(word), (1900...2100).contains(value) { return (value, 1) }
        if word == "two", index + 1 < words.count, words[index + 1] == "thousand" {
            var next = index + 2
            if next < words.count, words[next] == "and" { next += 1 }
            if let rest = Self.cardinal(words, at: next), rest.value < 100, Int(words[next]) == nil {
                return (2000 + rest.value, next - index + rest.count)
            }
            return (2000, 2)
        }
        if let century = Self.teens[word], century == 19 || century == 20, index + 1 < words.count {
            if words[index + 1] == "oh" || words[index + 1] == "o", let unit = Self.units[safe: words, index + 2] {
                return (century * 100 + unit, 3)
            }
            if Int(words[index + 1]) == nil, let rest = Self.cardinal(words, at: index + 1), rest.value >= 10 {
                return (century * 100 + rest.value, 1 + rest.count)
            }
        }
        return nil
    }
}

extension Dictionary where Key == String {
    /// The value for the word at `index` of `words`, or `nil` past the end.
    subscript(safe words: [String], index: Int) -> Value? {
        index < words.count ? self[words[index]] : nil
    }
}

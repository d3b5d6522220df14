/// Written caller text in the words a recognizer produces: lower case, no punctuation, numbers and clock times
/// spelled out ("11:45" → "eleven forty five", "4" → "four", "Dr." → "doctor").
///
/// Not real-time safe: allocates.
public enum SpokenText {
    static let ones = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// The spoken words of `text`.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        for rawToken in text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "-" }) {
            var token = String(rawToken)
            while let last = token.last, ".?!;:\"".contains(last) { token.removeLast() }
            while let first = token.first, "\"(".contains(first) { token.removeFirst() }
            if token.isEmpty { continue }
            if token == "dr" || token == "dr." {
                words.append("doctor")
                continue
            }
            let parts = token.split(separator: ":")
            if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) {
                words += self.number(hour)
                if minute > 0 { words += minute < 10 ? ["oh"] + self.number(minute) : self.number(minute) }
                continue
            }
            if let value = Int(token), value >= 0 {
                // Four digits and more are read digit by digit, as phone numbers are.
                let digits = token.compactMap(\.wholeNumberValue).map { self.ones[$0] }
                words += value >= 1000 ? digits : self.number(value)
                continue
            }
            if let ordinal = self.ordinal(token) {
                words += ordinal
                continue
            }
            let cleaned = token.filter { $0.isLetter || $0 == "'" }
            if !cleaned.isEmpty { words.append(cleaned) }
        }
        return words
    }

    static let ordinalOnes = [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth",
    ]
    static let ordinalTens = [
        "", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
        "eightieth", "ninetieth",
    ]

    /// "3rd" → ["third"], "21st" → ["twenty", "first"], for 0 … 99; `nil` for anything else.
    static func ordinal(_ token: String) -> [String]? {
        guard token.count >= 3, ["st", "nd", "rd", "th"].contains(String(token.suffix(2))),
            let value = Int(token.dropLast(2)), (0..<100).contains(value)
        else { return nil }
        if value < 20 { return [self.ordinalOnes[value]] }
        if value % 10 == 0 { return [self.ordinalTens[value / 10]] }
        return [self.tens[value / 10], self.ordinalOnes[value % 10]]
    }

    /// 0 … 999 in words.
    static func number(_ value: Int) -> [String] {
        if value < 20 { return [self.ones[value]] }
        if value < 100 { return [self.tens[value / 10]] + (value % 10 == 0 ? [] : [self.ones[value % 10]]) }
        let rest = value % 100
        return [self.ones[value / 100], "hundred"] + (rest == 0 ? [] : self.number(rest))
    }
}

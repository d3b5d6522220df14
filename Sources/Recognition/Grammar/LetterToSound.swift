import AudioCore
import Speech

/// Pronunciations for words the CMU dictionary lacks (an unusual surname, a foreign first name), in the CMU
/// phone set the acoustic model knows.
///
/// The first choice is espeak-ng's front end (`EspeakLibrary.phonemes`), its phonemes mapped to CMU phones by
/// the table below; when espeak gives nothing usable, a crude spelling rule per letter (with the common
/// digraphs) still gives an entry, so an unknown word never fails a grammar. Neither is as good as a dictionary
/// entry: a guessed name is recognized less reliably than a known one.
///
/// Not real-time safe: control thread only.
public enum LetterToSound {
    /// CMU phones for `word` (lower case; letters and apostrophes), never empty for a word with a letter.
    public static func phones(for word: String) -> [String] {
        self.phones(for: [word])[0]
    }

    /// CMU phones for each of `words`, in order: one pass through espeak for all of them (a fraction of a
    /// millisecond a word), and the spelling rule for any espeak gives nothing usable for.
    /// Guesses are remembered for the life of the process, so rebuilding the `name` grammar when one name is
    /// added pays only for that name.
    public static func phones(for words: [String]) -> [[String]] {
        let letters = words.map { $0.filter { $0.isASCII && $0.isLetter } }
        let known = self.cache.withLock { cache in letters.map { cache[$0] } }
        let unknown = Array(
            Set(letters.indices.filter { known[$0] == nil && !letters[$0].isEmpty }.map { letters[$0] }))
        let espeak = EspeakLibrary.phonemes(unknown)
        var guessed: [String: [String]] = [:]
        for (index, word) in unknown.enumerated() {
            let phones = index < espeak.count ? espeak[index].map(self.cmuPhones(fromEspeak:)) ?? [] : []
            guessed[word] = phones.isEmpty ? self.spellingPhones(for: word) : phones
        }
        self.cache.withLock { $0.merge(guessed) { first, _ in first } }
        return letters.indices.map { known[$0] ?? guessed[letters[$0]] ?? [] }
    }

    /// Every guess made so far, by letters.
    private static let cache = Locked<[String: [String]]>([:])

    /// espeak-ng's US English phoneme names mapped onto the CMU set (vowels without stress, as in the model's
    /// dictionary). Diphthongs with a schwa or r-colouring become two phones.
    static let espeakToCMU: [String: [String]] = [
        // Vowels.
        "a": ["AE"], "aa": ["AE"], "a#": ["AH"], "A:": ["AA"], "A": ["AA"], "A@": ["AA", "R"], "A:r": ["AA", "R"],
        "@": ["AH"], "@2": ["AH"], "@5": ["AH"], "@L": ["AH", "L"], "@r": ["ER"], "3": ["ER"], "3:": ["ER"],
        "3:r": ["ER"], "E": ["EH"], "e": ["EH"], "e@": ["EH", "R"], "eI": ["EY"], "I": ["IH"], "I2": ["IH"],
        "I#": ["IH"], "i": ["IY"], "i:": ["IY"], "i@": ["IY", "AH"], "i@3": ["IH", "R"], "0": ["AA"],
        "0@": ["AO", "R"], "O": ["AO"], "O:": ["AO"], "O@": ["AO", "R"], "o@": ["AO", "R"], "OI": ["OY"],
        "o": ["OW"], "oU": ["OW"], "oU#": ["OW"], "U": ["UH"], "U@": ["UH", "R"], "u": ["UW"], "u:": ["UW"],
        "V": ["AH"], "aI": ["AY"],
        "aI@": ["AY", "ER"], "aI3": ["AY", "ER"], "aU": ["AW"], "aU@": ["AW", "ER"],
        // Consonants.
        "b": ["B"], "d": ["D"], "D": ["DH"], "dZ": ["JH"], "f": ["F"], "g": ["G"], "h": ["HH"], "j": ["Y"],
        "k": ["K"], "l": ["L"], "l#": ["L"], "m": ["M"], "n": ["N"], "N": ["NG"], "p": ["P"], "r": ["R"],
        "r-": ["R"], "s": ["S"], "S": ["SH"], "t": ["T"], "t#": ["T"], "*": ["T"], "T": ["TH"], "tS": ["CH"],
        "v": ["V"], "w": ["W"], "x": ["K"], "C": ["HH"], "z": ["Z"], "Z": ["ZH"], "n-": ["N"], "m-": ["M"],
        "l-": ["L"],
    ]

    /// CMU phones from espeak's `_`-separated phoneme string; phonemes the table lacks are looked up without
    /// their modifiers (`#`, `-`, `;`, `:`), and dropped when still unknown (a glottal stop, a pause).
    static func cmuPhones(fromEspeak text: String) -> [String] {
        var phones: [String] = []
        for token in text.split(whereSeparator: { $0 == "_" || $0 == " " }) {
            var name = String(token.filter { $0 != "'" && $0 != "," && $0 != "%" && $0 != "=" })
            if name.isEmpty { continue }
            while !name.isEmpty, self.espeakToCMU[name] == nil, let last = name.last, "#-;:2".contains(last) {
                name.removeLast()
            }
            if let mapped = self.espeakToCMU[name] { phones += mapped }
        }
        return phones
    }

    /// Letter groups read before single letters, longest first.
    static let spellingGroups: [(letters: String, phones: [String])] = [
        ("tch", ["CH"]), ("sch", ["SH"]), ("ch", ["CH"]), ("sh", ["SH"]), ("th", ["TH"]), ("ph", ["F"]),
        ("ck", ["K"]), ("ng", ["NG"]), ("qu", ["K", "W"]), ("wh", ["W"]), ("kn", ["N"]), ("gh", ["G"]),
        ("ee", ["IY"]), ("ea", ["IY"]), ("oo", ["UW"]), ("ou", ["AW"]), ("ow", ["OW"]), ("oa", ["OW"]),
        ("ai", ["EY"]), ("ay", ["EY"]), ("ei", ["EY"]), ("ey", ["EY"]), ("ie", ["IY"]), ("au", ["AO"]),
        ("aw", ["AO"]), ("oi", ["OY"]), ("oy", ["OY"]),
    ]
    static let spellingLetters: [Character: [String]] = [
        "a": ["AE"], "b": ["B"], "c": ["K"], "d": ["D"], "e": ["EH"], "f": ["F"], "g": ["G"], "h": ["HH"],
        "i": ["IH"], "j": ["JH"], "k": ["K"], "l": ["L"], "m": ["M"], "n": ["N"], "o": ["AA"], "p": ["P"],
        "q": ["K"], "r": ["R"], "s": ["S"], "t": ["T"], "u": ["AH"], "v": ["V"], "w": ["W"], "x": ["K", "S"],
        "y": ["IY"], "z": ["Z"],
    ]

    /// A rough pronunciation from spelling alone: letter groups, then one phone (or two) per letter, doubled
    /// letters read once, a final silent `e` dropped.
    static func spellingPhones(for letters: String) -> [String] {
        var rest = Substring(letters.lowercased())
        if rest.count > 2, rest.hasSuffix("e") { rest = rest.dropLast() }
        var phones: [String] = []
        var previous: Character?
        while let first = rest.first {
            if let group = self.spellingGroups.first(where: { rest.hasPrefix($0.letters) }) {
                phones += group.phones
                rest = rest.dropFirst(group.letters.count)
                previous = nil
                continue
            }
            if first != previous, let mapped = self.spellingLetters[first] { phones += mapped }
            previous = first
            rest = rest.dropFirst()
        }
        return phones
    }
}

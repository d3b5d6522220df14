import Foundation
import Testing
import Understanding

@testable import Recognition

@Suite("The time, date-of-birth and name contexts")
struct RecognitionContextTests {
    static let slotContexts: [RecognitionContext] = [.time, .dateOfBirth, .name]

    /// The understanding layer as the dialogue will run it, at a fixed "now" (Wednesday 2026-12-02, 09:30 UTC).
    static let understander = Understander(
        doctors: ["Dr. Grant", "Dr. Patel", "Dr. Lee"], calendar: Self.calendar)
    static let now = ISO8601DateFormatter().date(from: "2026-12-02T09:30:00Z")!
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    static func slots(_ words: [String]) -> Slots {
        Self.understander.understand(words.joined(separator: " "), now: Self.now).slots
    }

    @Test(
        "Each grammar is JSGF whose every rule is defined and used, and pocketsphinx accepts it",
        arguments: slotContexts)
    func wellFormed(context: RecognitionContext) throws {
        let grammar = try #require(context.grammar)
        #expect(grammar.jsgf.hasPrefix("#JSGF V1.0;\ngrammar \(grammar.name);\npublic <utterance> = "))
        let defined = Set(grammar.rules.map(\.name))
        let bodies = [grammar.utterance] + grammar.rules.flatMap(\.alternatives)
        let referenced = Set(
            bodies.flatMap(RecognitionGrammar.tokens).filter { $0.hasPrefix("<") }.map {
                String($0.dropFirst().dropLast())
            })
        #expect(referenced == defined)
        for body in bodies {
            let tokens = RecognitionGrammar.tokens(body)
            #expect(tokens.filter { $0 == "(" }.count == tokens.filter { $0 == ")" }.count, "\(body)")
            #expect(tokens.filter { $0 == "[" }.count == tokens.filter { $0 == "]" }.count, "\(body)")
        }
        let lines = try PronunciationDictionary.lines(for: grammar.words, context: context.rawValue)
        #expect(Set(lines.map { String($0.split(separator: " ")[0].split(separator: "(")[0]) }) == grammar.words)
        _ = try Recognizer(context: context)
    }

    @Test(
        "Every sentence a grammar's emergency rules allow is urgent to the understanding layer",
        arguments: [RecognitionContext.time, .dateOfBirth])
    func emergencySentencesAreUrgent(context: RecognitionContext) throws {
        let grammar = try #require(context.grammar)
        let sentences = grammar.sampleSentences(count: 1000, seed: 5, rule: "emergency")
        #expect(sentences.count == 1000)
        // "help" alone is the one that is not: "can you help me" is everyday business.
        for sentence in sentences where sentence != ["help"] {
            let text = sentence.joined(separator: " ")
            #expect(Self.understander.understand(text, now: Self.now).isUrgent, "\(text)")
        }
        // The sentence an emergency interrupting a question takes (a time grammar with the bare phrases alone
        // heard it as "by two a m today").
        let interruption = "actually i have really bad chest pain right now"
        #expect(Set(interruption.split(separator: " ").map(String.init)).isSubset(of: grammar.words))
    }

    @Test("Sampling a grammar is deterministic and gives only its own words")
    func sampling() throws {
        let grammar = try #require(RecognitionContext.time.grammar)
        let first = grammar.sampleSentences(count: 50, seed: 9)
        #expect(first == grammar.sampleSentences(count: 50, seed: 9))
        #expect(first != grammar.sampleSentences(count: 50, seed: 10))
        #expect(Set(first.flatMap { $0 }).isSubset(of: grammar.words))
        #expect(first.allSatisfy { !$0.isEmpty })
    }

    @Test("Every phrasing the time grammar allows gives the understanding layer a day or a time")
    func timePhrasesAreUnderstood() throws {
        let grammar = try #require(RecognitionContext.time.grammar)
        for sentence in grammar.sampleSentences(count: 2000, seed: 1, rule: "when") {
            // The grammar does not know how many days each month has: `february thirty first` means nothing.
            let text = sentence.joined(separator: " ")
            if ["thirty first", "thirtieth", "twenty ninth"].contains(where: text.contains),
                SpokenVocabulary.months.contains(where: text.contains)
            {
                continue
            }
            let slots = Self.slots(sentence)
            #expect(slots.day != nil || slots.time != nil, "\(sentence.joined(separator: " "))")
            #expect(slots.dateOfBirth == nil, "\(sentence.joined(separator: " "))")
        }
    }

    @Test(
        "Time phrases callers say resolve as expected",
        arguments: [
            ("tuesday", "2026-12-08", nil), ("next tuesday morning", "2026-12-08", "morning"),
            ("tomorrow afternoon", "2026-12-03", "afternoon"), ("the fifteenth at three thirty", "2026-12-15", "15:30"),
            ("monday the third of march", "2027-03-03", nil), ("as soon as possible", "asap", nil),
            ("any time next week", "week of 2026-12-07", nil), ("half past two", nil, "14:30"),
            ("quarter to four", nil, "15:45"), ("in the morning", nil, "morning"), ("after lunch", nil, "after 13:00"),
            ("ten a m", nil, "10:00"), ("this friday", "2026-12-04", nil), ("a week on thursday", "2026-12-10", nil),
            ("at ten tomorrow", "2026-12-03", "10:00"), ("before lunch on wednesday", "2026-12-09", "before 12:00"),
        ] as [(String, String?, String?)])
    func timeExamples(text: String, day: String?, time: String?) throws {
        let grammar = try #require(RecognitionContext.time.grammar)
        #expect(Set(text.split(separator: " ").map(String.init)).isSubset(of: grammar.words), "\(text)")
        let slots = Self.understander.understand(text, now: Self.now).slots
        #expect(slots.day?.description == day, "\(text)")
        #expect(slots.time?.description == time, "\(text)")
    }

    @Test("Nearly every sampled date of birth is understood as one; the rest are impossible dates such as april 31")
    func datesOfBirthAreUnderstood() throws {
        let grammar = try #require(RecognitionContext.dateOfBirth.grammar)
        let sentences = grammar.sampleSentences(count: 2000, seed: 1, rule: "date")
        let understood = sentences.filter { Self.slots($0).dateOfBirth != nil }
        // Measured: 1906 of 2000 (0.953); the grammar does not know how many days each month has.
        #expect(Double(understood.count) / Double(sentences.count) >= 0.94)
        for sentence in sentences where Self.slots(sentence).dateOfBirth == nil {
            let text = sentence.joined(separator: " ")
            let isImpossible = ["thirty", "thirtieth", "twenty ninth"].contains { text.contains($0) }
            #expect(isImpossible, "\(text)")
        }
    }

    @Test(
        "Dates of birth callers say resolve as expected",
        arguments: [
            ("the fourth of july nineteen eighty two", "1982-07-04"),
            ("twelfth of march two thousand and five", "2005-03-12"), ("oh three oh four eighty one", "1981-03-04"),
            ("march third sixty five", "1965-03-03"),
            ("my date of birth is the first of may nineteen ninety", "1990-05-01"),
            ("twelve oh four nineteen seventy three", "1973-12-04"), ("oh one twenty two thousand six", "2006-01-20"),
            ("the fourth may nineteen fifty", "1950-05-04"),
        ])
    func dateOfBirthExamples(text: String, expected: String) throws {
        let grammar = try #require(RecognitionContext.dateOfBirth.grammar)
        #expect(Set(text.split(separator: " ").map(String.init)).isSubset(of: grammar.words), "\(text)")
        #expect(Self.understander.understand(text, now: Self.now).slots.dateOfBirth?.description == expected)
    }

    @Test("Written names become grammar words: titles dropped, apostrophes kept, hyphens split, accents folded")
    func nameWords() throws {
        let grammar = RecognitionContext.nameGrammar(names: [
            "Dr. Patel", "Mary O'Brien", "José Núñez", "Ade Oyelaran-Okafor", "  ", "!!!",
        ])
        let rules = Dictionary(grammar.rules.map { ($0.name, $0.alternatives) }, uniquingKeysWith: { a, _ in a })
        #expect(rules["family"] == ["nunez", "o'brien", "okafor", "patel"])
        #expect(rules["given"] == ["ade", "jose", "mary"])
        #expect(rules["full"] == ["ade oyelaran okafor", "jose nunez", "mary o'brien"])
        #expect(grammar.utterance.contains("<emergency>"))
        let empty = RecognitionContext.nameGrammar(names: [])
        #expect(empty.words.isSuperset(of: ["doctor", "breathe"]))
        _ = try Recognizer(context: .name, names: [])
    }

    @Test("An unknown name with odd spelling gets a pronunciation and the context still builds")
    func unknownNames() throws {
        let odd = ["Xzqwhyx Bbrttlj", "Ngozi Okonkwo-Adebayo", "Zoë Tłaczała", "Aoife", "Q"]
        for word in ["xzqwhyx", "bbrttlj", "okonkwo", "tlaczala", "aoife", "q"] {
            #expect(!LetterToSound.phones(for: word).isEmpty, "\(word)")
        }
        #expect(LetterToSound.spellingPhones(for: "shaughnessy") == ["SH", "AO", "G", "N", "EH", "S", "IY"])
        #expect(
            LetterToSound.cmuPhones(fromEspeak: "g_@_n_z_'A:_l_E_z") == ["G", "AH", "N", "Z", "AA", "L", "EH", "Z"])
        let recognizer = try Recognizer(context: .name, names: odd)
        let phones = Set(
            try PronunciationDictionary.lines(
                for: recognizer.context.grammar(names: odd)!.words, context: "name", isGuessingUnknown: true
            ).flatMap { $0.split(separator: " ").dropFirst().map(String.init) })
        let modelPhones: Set<String> = [
            "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY",
            "JH",
            "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
        ]
        #expect(phones.isSubset(of: modelPhones), "\(phones.subtracting(modelPhones))")
    }

    /// 200 names of patients and doctors: 40 given names by 5 family names each, most of them in the CMU
    /// dictionary, a few not.
    static let twoHundredNames: [String] = {
        let given = [
            "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
            "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
            "Maria", "Ahmed", "Wei", "Priya", "Olusegun", "Aoife", "Siobhan", "Dmitri", "Yuki", "Carlos", "Fatima",
            "Ravi", "Ngozi", "Kwame", "Ingrid", "Lars", "Mei", "Tariq", "Zanele", "Bronwyn",
        ]
        let family = [
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Patel", "Nguyen", "Kowalczyk", "Adeyemi", "O'Brien", "Okonkwo", "Petrov", "Tanaka", "Gonzalez", "Lee",
            "Grant", "Shankar", "Haddad", "Lindqvist", "Mbeki", "Fitzgerald", "Novak", "Chen", "Kaur", "Murphy",
            "Rossi", "Schmidt", "Dubois", "Silva", "Kim", "Ali", "Yilmaz", "Moreau", "Walsh", "Abernathy",
        ]
        return given.indices.flatMap { index in (0..<5).map { "\(given[index]) \(family[(index * 5 + $0) % 40])" } }
    }()

    @Test("The name grammar for 200 names has about two alternatives per name, not one per pair")
    func nameGrammarSize() {
        let names = Self.twoHundredNames
        #expect(Set(names).count == 200)
        let grammar = RecognitionContext.nameGrammar(names: names)
        #expect(grammar.rules.reduce(0) { $0 + $1.alternatives.count } < 3 * names.count + 50)
    }
}

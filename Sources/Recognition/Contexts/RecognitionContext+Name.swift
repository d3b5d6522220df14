import Foundation

extension RecognitionContext {
    /// The names the `name` context hears when none are given: the default practice's doctors.
    public static let defaultNames = ["Grant", "Patel", "Lee"]

    /// The `name` grammar for a list of names (the practice's doctors and patients, `["Grant", "Patel", "Maria
    /// Gonzalez"]`; a leading `Dr.` or `Doctor` is dropped): a full name as given, a first name with any family
    /// name, a family name alone or after `doctor`, each optionally after an introduction ("my name is", "it's",
    /// "this is", "i'd like to see"), or an answer that names no one ("any doctor", "no preference").
    ///
    /// Names are spoken words in lower case: `O'Brien` stays `o'brien`, `Oyelaran-Okafor` becomes two words,
    /// accents are dropped (`José` → `jose`), anything but letters and apostrophes is removed. A word the
    /// dictionary lacks gets a guessed pronunciation (`LetterToSound`). With no usable name the grammar still
    /// hears `doctor` and the emergency phrases.
    ///
    /// With `includesCommonNames`, the given and family names of `CommonNames` join the list's, so a caller who
    /// is not yet a patient is heard too: any given name of either with any family name of either ("kevin
    /// ward"), a family name alone or after `doctor`, a given name alone, and the list's full names as before.
    /// The list's full names stay an alternative of their own, and its one-word names (the doctors) get one
    /// (`[doctor] <known>`), both weighted `knownNameWeight`, so that a known patient's or doctor's name is
    /// preferred to common names that sound almost the same ("doctor lee", not "doctor li"); a known patient can
    /// still be heard as someone else, and a new caller as a known patient, so the dialogue must confirm a name
    /// (and a known patient's date of birth) before it registers or identifies anyone (see the README).
    ///
    /// - Complexity: O(n) in the number of names; the grammar is compositional, so 200 names make a grammar of
    ///   about 400 alternatives, not 200². pocketsphinx copies a rule at every reference, so with common names
    ///   each name rule is referenced once.
    public static func nameGrammar(names: [String], includesCommonNames: Bool = false) -> RecognitionGrammar {
        var fullNames: [String] = []
        var givenNames: [String] = []
        var familyNames: [String] = []
        for name in names {
            var words = Self.nameWords(name)
            if words.first == "doctor" || words.first == "dr" { words.removeFirst() }
            guard let last = words.last else { continue }
            fullNames.append(words.joined(separator: " "))
            familyNames.append(last)
            if words.count > 1 { givenNames.append(words[0]) }
        }
        if includesCommonNames {
            givenNames += CommonNames.spokenGiven
            familyNames += CommonNames.spokenFamily
        }
        let unique = { (list: [String]) in Array(Set(list)).sorted() }
        let multiWord = unique(fullNames.filter { $0.contains(" ") })
        let singleWord = includesCommonNames ? unique(fullNames.filter { !$0.contains(" ") }) : []
        let weight = String(format: "%.0f", Self.knownNameWeight)
        var people: [String]
        if includesCommonNames {
            // The same phrases as below, with <given> and <family> each referenced once.
            people = ["[doctor | <given>] <family>", "<given>"]
        } else {
            people = ["doctor <family>", "<family>"]
            if !givenNames.isEmpty { people += ["<given> [<family>]"] }
        }
        if !multiWord.isEmpty { people += ["<full>"] }
        if !singleWord.isEmpty { people += ["[doctor] <known>"] }
        var rules: [(name: String, alternatives: [String])] = [
            (
                "introduction",
                [
                    "my name is", "my name's", "the name is", "name is", "this is", "it's", "it is", "i'm", "i am",
                    "i'd like to see", "i want to see", "can i see", "i need to see", "the patient is",
                ]
            ),
            ("person", people),
            ("family", unique(familyNames).isEmpty ? ["doctor"] : unique(familyNames)),
        ]
        if !givenNames.isEmpty { rules.append(("given", unique(givenNames))) }
        if !multiWord.isEmpty {
            rules.append(("full", includesCommonNames ? multiWord.map { "/\(weight)/ \($0)" } : multiWord))
        }
        // The list's one-word names (the doctors), weighted like the full names: "doctor lee", not "doctor li".
        if !singleWord.isEmpty { rules.append(("known", singleWord.map { "/\(weight)/ \($0)" })) }
        rules.append(("anyone", Self.anyoneAnswers))
        rules.append(EmergencyPhrases.bareRule)
        return RecognitionGrammar(
            name: "name", utterance: "[<introduction>] <person> | <anyone> | <emergency>", rules: rules)
    }

    /// The JSGF weight of each of the list's full names when the common names are heard too.
    ///
    /// pocketsphinx does not normalize JSGF weights: an alternative's weight adds its logarithm to the path's
    /// score and an unweighted alternative costs nothing, so without a weight "mary o'brien" (a patient) lost to
    /// "barry o'brien" (two common names). The weight sits on the full names, not as a penalty on the common
    /// pairs: a penalty paid as an alternative begins makes the search prune it before it is heard. 10^20 was
    /// chosen on the flite tuning voices of `tools/make-name-sentences` (README, **Names**): known patients'
    /// names right 64 of 69 against 61 at weight 1, new callers' names unchanged (75 of 90), and new callers whose
    /// given and family names both belong to other patients still heard as themselves (33 of 36); 10^30 pulled
    /// those onto the patients (23 of 36, one accepted as a patient's name).
    static let knownNameWeight = 1e20

    /// Answers to "which doctor?" that name no one: the dialogue books the first free doctor.
    static let anyoneAnswers = [
        "any doctor", "any doctor is fine", "anyone", "anyone is fine", "any of them", "no preference",
        "i don't mind", "i don't mind who", "it doesn't matter", "whoever is available", "whoever is free",
        "the first available", "the first available doctor",
    ]

    /// The spoken words of one written name: lower case ASCII letters and apostrophes, accents folded.
    static func nameWords(_ name: String) -> [String] {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        return SpokenText.words(folded).compactMap { word in
            let kept = word.filter { ($0.isASCII && $0.isLetter) || $0 == "'" }
            let trimmed = kept.drop(while: { $0 == "'" }).reversed().drop(while: { $0 == "'" }).reversed()
            return trimmed.contains(where: \.isLetter) ? String(trimmed) : nil
        }
    }
}

import Foundation

/// What one caller utterance means: intent, urgency and slots.
public struct Understanding: Sendable, Equatable {
    /// The words the rules read, after normalization (`TokenizedText`).
    public var words: [String]

    /// What the caller wants; `emergency` whenever `urgency` is set.
    public var intent: Intent

    /// From 0 to 1; 1 for `emergency`, which the urgency detector decides.
    public var confidence: Double

    /// The intent classifier's answer before the urgency override, with its evidence.
    public var classification: IntentResult

    /// The urgent phrase, when there is one.
    public var urgency: UrgencyFinding?

    /// The details found.
    public var slots: Slots

    /// Whether this is an urgent call.
    public var isUrgent: Bool { self.urgency != nil }

    /// Whether the utterance asks for something (see `IntentResult.isRequest`); an urgent one always does.
    public var isRequest: Bool { self.isUrgent || self.classification.isRequest }

    /// The appointment's start as a date, when both a definite day and a clock time were said.
    public var requestedStart: Date?
}

/// Turns caller text into meaning: the practice-facing entry point of this module.
///
/// It runs the urgency detector, the intent classifier and the slot extractors over one final hypothesis. Doctor
/// names come from the practice (a list of display names such as `Dr. Patel`; the word that names each is its
/// last word). Dates resolve against a "now" and a calendar whose time zone is the practice's.
///
/// Not real-time safe: allocates; call from the dialogue side, never from an audio thread.
public struct Understander: Sendable {
    /// The practice's doctors as given.
    public let doctors: [String]

    /// The calendar dates resolve in; its time zone is the practice's.
    public let calendar: Calendar

    let classifier = IntentClassifier()
    let detector = UrgencyDetector()
    let surnames: Set<String>

    /// An understander for one practice.
    ///
    /// - Parameters:
    ///   - doctors: display names, for example `["Dr. Grant", "Dr. Patel", "Dr. Lee"]`.
    ///   - calendar: the calendar and time zone dates resolve in (Gregorian with the practice's time zone).
    public init(doctors: [String], calendar: Calendar) {
        self.doctors = doctors
        self.calendar = calendar
        self.surnames = Set(doctors.compactMap { TokenizedText($0).words.last })
    }

    /// Understands one utterance.
    ///
    /// Empty text, fillers only or words the rules do not know give `other` with no slots; nothing throws.
    ///
    /// - Parameters:
    ///   - text: the final hypothesis of the caller's turn.
    ///   - now: the moment the caller speaks, for `tomorrow` or `next Tuesday`.
    /// - Complexity: O(n·p) in the number of words and rules.
    public func understand(_ text: String, now: Date) -> Understanding {
        let tokens = TokenizedText(text)
        let urgency = self.detector.detect(tokens, isFinal: true)

        // A doctor's name counts as `doctor` for the intent table (`I need to see Patel`).
        var intentTokens = tokens
        intentTokens.words = tokens.words.enumerated().map { index, word in
            self.surnames.contains(word) && (index == 0 || !["dr", "doctor"].contains(tokens.words[index - 1]))
                ? "doctor" : word
        }
        let classification = self.classifier.classify(intentTokens)
        let intent = urgency == nil ? classification.intent : .emergency
        let context = CalendarContext(now: now, calendar: self.calendar)
        let slots = SlotExtractor(doctors: self.doctors, context: context).extract(tokens.words, intent: intent)

        var start: Date?
        if case .date(let day) = slots.day, case .at(let time) = slots.time {
            start = self.calendar.date(
                from: DateComponents(
                    year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute))
        }
        return Understanding(
            words: tokens.words, intent: intent, confidence: urgency == nil ? classification.confidence : 1,
            classification: classification, urgency: urgency, slots: slots, requestedStart: start)
    }
}

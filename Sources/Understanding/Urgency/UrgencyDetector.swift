/// Finds urgent calls in caller text: chest pain, breathing trouble, severe bleeding, unresponsiveness, stroke
/// signs, seizures, suicidal thoughts, a drowsy child with a fever, overdoses, anaphylaxis, and callers who say
/// it is an emergency.
///
/// The detector is a table of phrase rules (`UrgencyRule+Table.swift`, which also says where the line between
/// urgent and look-alike sits). It knows nothing about the question being asked, so it runs in every dialogue
/// context. On a partial hypothesis it fires as soon as a phrase is complete and no look-alike can still follow
/// it; `UrgencyMonitor` feeds it the partial hypotheses of one turn.
///
/// Not real-time safe: allocates; call from the dialogue side, never from an audio thread.
public struct UrgencyDetector: Sendable {
    let rules: [UrgencyRule]

    /// A detector with the built-in rules.
    public init() {
        self.rules = UrgencyRule.all
    }

    /// The first urgent phrase in a final hypothesis, or `nil`.
    public func detect(_ text: String) -> UrgencyFinding? {
        self.detect(TokenizedText(text), isFinal: true)
    }

    /// The urgent phrase that ends earliest in `text`, or `nil`.
    ///
    /// - Parameters:
    ///   - text: the hypothesis, already split into words.
    ///   - isFinal: `false` for a partial hypothesis: a phrase that a look-alike could still extend (`seizure`
    ///     before `medication`) waits for more words.
    /// - Complexity: O(n·r) in the number of words and rules.
    public func detect(_ text: TokenizedText, isFinal: Bool) -> UrgencyFinding? {
        var best: UrgencyFinding?
        for rule in self.rules {
            guard let finding = rule.evaluate(text.words, isFinal: isFinal) else { continue }
            if best.map({ finding.wordRange.upperBound < $0.wordRange.upperBound }) ?? true { best = finding }
        }
        return best
    }
}

/// The urgency detector over the growing partial hypotheses of one turn: reports the first point it fired.
///
/// Feed every partial hypothesis as the recognizer revises it, then the final one. Once the monitor has fired
/// it stays fired until `reset()`, even if a later revision drops the words: a person then checks the call.
///
/// Not real-time safe: allocates; call from the dialogue side, never from an audio thread.
public struct UrgencyMonitor: Sendable {
    /// Where the monitor first fired.
    public struct Firing: Sendable, Equatable {
        /// What matched, with word positions in the hypothesis it fired on.
        public var finding: UrgencyFinding

        /// Which hypothesis fired it: 0 for the first one fed since the last `reset()`.
        public var hypothesisIndex: Int

        /// How many words that hypothesis had.
        public var wordCount: Int

        /// Whether it fired on the final hypothesis rather than on a partial one.
        public var isFinal: Bool
    }

    let detector: UrgencyDetector

    /// The first firing of this turn, or `nil` while nothing urgent has been heard.
    public private(set) var firing: Firing?

    /// How many hypotheses have been fed since the last `reset()`.
    public private(set) var hypothesisCount = 0

    /// A monitor for one turn.
    public init(detector: UrgencyDetector = UrgencyDetector()) {
        self.detector = detector
    }

    /// Feeds the next hypothesis of the turn.
    ///
    /// - Parameters:
    ///   - hypothesis: the whole text recognized so far in this turn (not only the new words).
    ///   - isFinal: whether the turn has ended and this is the final hypothesis.
    /// - Returns: the first firing of the turn (from this or an earlier hypothesis), or `nil`.
    @discardableResult
    public mutating func feed(_ hypothesis: String, isFinal: Bool = false) -> Firing? {
        defer { self.hypothesisCount += 1 }
        if let firing = self.firing { return firing }
        let text = TokenizedText(hypothesis)
        guard let finding = self.detector.detect(text, isFinal: isFinal) else { return nil }
        let firing = Firing(
            finding: finding, hypothesisIndex: self.hypothesisCount, wordCount: text.words.count, isFinal: isFinal)
        self.firing = firing
        return firing
    }

    /// Starts a new turn.
    public mutating func reset() {
        self.firing = nil
        self.hypothesisCount = 0
    }
}

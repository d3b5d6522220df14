/// One way of saying something urgent, with the look-alikes that are not.
///
/// A rule fires when each of its `phrases` matches somewhere in the hypothesis and no blocker applies to the
/// first phrase's match: a `blockedBefore` phrase ending right where the match starts (`no chest pain`, `history
/// of stroke`), a `blockedAfter` phrase starting right where it ends (`seizure medication`, `lot of blood work`),
/// or a `historyAfter` phrase a few words on (`had a stroke last year`). A right-hand look-alike can only be ruled
/// out once the words after the match are heard, so a rule with `blockedAfter` waits on a partial hypothesis
/// until `rightContextWordCount` more words have arrived (one or two). It does not wait for `historyAfter`: that
/// is checked on whatever words are there, so a partial hypothesis fires early and errs towards a person. A
/// rule without right-hand blockers fires as soon as its last word is heard.
struct UrgencyRule: Sendable {
    var category: UrgencyCategory
    var phrases: [PhrasePattern]
    var blockedBefore: [PhrasePattern]
    var blockedAfter: [PhrasePattern]
    var historyAfter: [PhrasePattern]

    /// How many words after the match a partial hypothesis needs before `blockedAfter` can be ruled out: the
    /// longest blocker's length.
    let rightContextWordCount: Int

    init(
        _ category: UrgencyCategory, _ phrase: String, allOf others: [String] = [], blockedBefore: [String] = [],
        blockedAfter: [String] = [], historyAfter: [String] = []
    ) {
        self.category = category
        self.phrases = ([phrase] + others).map(PhrasePattern.init)
        self.blockedBefore = blockedBefore.map(PhrasePattern.init)
        self.blockedAfter = blockedAfter.map(PhrasePattern.init)
        self.historyAfter = historyAfter.map(PhrasePattern.init)
        self.rightContextWordCount = self.blockedAfter.map(\.maximumLength).max() ?? 0
    }

    /// Whether the rule fires on `words`, and where; `nil` when it does not, or cannot yet tell on a partial
    /// hypothesis.
    func evaluate(_ words: [String], isFinal: Bool) -> UrgencyFinding? {
        guard let first = self.phrases.first else { return nil }
        var candidates = first.matches(in: words)
        candidates.removeAll { self.isBlocked($0, in: words, isFinal: isFinal) }
        guard let match = candidates.first else { return nil }

        var lower = match.lowerBound
        var upper = match.upperBound
        for other in self.phrases.dropFirst() {
            guard let range = other.firstMatch(in: words) else { return nil }
            lower = min(lower, range.lowerBound)
            upper = max(upper, range.upperBound)
        }
        return UrgencyFinding(
            category: self.category, phrase: words[match].joined(separator: " "), wordRange: lower..<upper)
    }

    /// Whether a look-alike rules the match out; on a partial hypothesis, an undecided right-hand context
    /// counts as blocked for now.
    private func isBlocked(_ match: Range<Int>, in words: [String], isFinal: Bool) -> Bool {
        let leftStart = max(0, match.lowerBound - 5)
        let left = Array(words[leftStart..<match.lowerBound])
        for blocker in self.blockedBefore {
            // A blocker ending in a gap (`refill ~`) may end up to that many words before the match.
            let slack = blocker.trailingGap
            if blocker.matches(in: left).contains(where: { left.count - $0.upperBound <= slack }) { return true }
        }
        let right = Array(words[match.upperBound...])
        for blocker in self.blockedAfter + self.historyAfter {
            if let range = blocker.firstMatch(in: right), range.lowerBound == 0 { return true }
        }
        return !isFinal && right.count < self.rightContextWordCount
    }
}

import Foundation

/// Tells what a caller wants from weighted phrases, with negation: a small classifier whose every answer can be
/// explained by the phrases that matched.
///
/// Each intent has a table of phrase patterns with weights (`IntentClassifier+Table.swift`). An utterance's score
/// for an intent is the sum of the weights of its phrases found in the text, each pattern counted once. A phrase
/// right after a negation (`not`, `dont`, `never`, … within three words) does not count: `I don't want to cancel,
/// just move it` scores for `reschedule` only. Strong phrases carry 3, ordinary ones 2, hints 1 or less.
///
/// The best intent wins if it scores at least `minimumScore`; otherwise the answer is `other` and `isRequest` is
/// false. `other` has phrases of its own (a bill, a form, a message for someone): when they win, the answer is
/// `other` with `isRequest` true, a request the practice takes a message for. The confidence is
/// `(1 − e^(−best)) · best / (best + second)`: high when the best intent has strong evidence and no rival, half
/// or less when two intents tie. For `other`, the confidence is `1 − best / minimumScore / 2` (1 for text with no
/// evidence at all, about 0.5 just under the threshold).
///
/// Not real-time safe: allocates; call from the dialogue side, never from an audio thread.
public struct IntentClassifier: Sendable {
    struct Entry: Sendable {
        var intent: Intent
        var pattern: PhrasePattern
        var weight: Double
    }

    let entries: [Entry]

    /// The score an intent needs to be chosen over `other`.
    public var minimumScore: Double = 1.5

    /// Words that negate the phrase after them.
    static let negations: Set<String> = ["not", "dont", "never", "doesnt", "didnt", "without"]

    /// A classifier with the built-in phrase table.
    public init() {
        self.entries = Self.table.flatMap { intent, phrases in
            phrases.map { Entry(intent: intent, pattern: PhrasePattern($0.0), weight: $0.1) }
        }
    }

    /// Classifies one utterance.
    ///
    /// - Complexity: O(n·p) in the number of words and phrases.
    public func classify(_ text: TokenizedText) -> IntentResult {
        var scores: [Intent: Double] = [:]
        var evidence: [(position: Int, item: IntentEvidence)] = []
        for entry in self.entries {
            guard let range = entry.pattern.firstMatch(in: text.words) else { continue }
            let isNegated = (max(0, range.lowerBound - 3)..<range.lowerBound).contains {
                Self.negations.contains(text.words[$0])
            }
            let weight = isNegated ? 0 : entry.weight
            scores[entry.intent, default: 0] += weight
            evidence.append(
                (
                    range.lowerBound,
                    IntentEvidence(intent: entry.intent, pattern: entry.pattern.description, weight: weight)
                ))
        }

        let ranked = scores.filter { $0.value > 0 }.map { (intent: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.intent.rawValue < $1.intent.rawValue }
        let explained = evidence.sorted { $0.position < $1.position }.map(\.item)
        guard let best = ranked.first, best.score >= self.minimumScore else {
            let bestScore = ranked.first?.score ?? 0
            return IntentResult(
                intent: .other, confidence: 1 - bestScore / self.minimumScore / 2, isRequest: false, scores: ranked,
                evidence: explained)
        }
        let second = ranked.dropFirst().first?.score ?? 0
        let confidence = (1 - exp(-best.score)) * best.score / (best.score + second)
        return IntentResult(
            intent: best.intent, confidence: confidence, isRequest: true, scores: ranked, evidence: explained)
    }
}

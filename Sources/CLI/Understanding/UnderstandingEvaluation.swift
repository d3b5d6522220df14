import Foundation
import Understanding

/// One line of a labelled understanding set.
///
/// The set is JSON lines, one utterance per line:
/// `{"text": "...", "intent": "book", "urgent": false, "now": "2025-03-11T09:30:00-05:00", "slots": {...}}`.
/// `now` (ISO 8601; its offset is the practice's time zone) and `slots` may be left out; `slots` lists every slot
/// the text says, in the string forms of `Slots.labelled`. Blank lines and lines starting with `#` are skipped.
struct LabelledUtterance: Equatable {
    var lineNumber: Int
    var text: String
    var intent: Intent
    var isUrgent: Bool
    var now: String?
    var slots: [String: String]
}

/// A labelled set that cannot be read: the message names the file, the line and what is wrong.
struct LabelledSetError: Error, CustomStringConvertible {
    var description: String
}

/// Scores the understanding layer over a labelled set: intents, slots and urgency.
struct UnderstandingEvaluation {
    /// One utterance's outcome.
    struct Outcome {
        var utterance: LabelledUtterance
        var intent: Intent
        var isUrgent: Bool
        var slots: [String: String]
    }

    /// Correct, expected and predicted counts for one slot.
    struct SlotScore {
        var correct = 0
        var expected = 0
        var predicted = 0
    }

    var outcomes: [Outcome] = []

    static func load(path: String) throws -> [LabelledUtterance] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw LabelledSetError(description: "cannot read '\(path)': expected a JSON-lines labelled set")
        }
        var utterances: [LabelledUtterance] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let place = "\(path):\(index + 1)"
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw LabelledSetError(description: "\(place): not a JSON object")
            }
            guard let text = object["text"] as? String else {
                throw LabelledSetError(description: "\(place): missing \"text\"")
            }
            guard let name = object["intent"] as? String, let intent = Intent(rawValue: name) else {
                let names = Intent.allCases.map(\.rawValue).joined(separator: ", ")
                throw LabelledSetError(description: "\(place): \"intent\" must be one of \(names)")
            }
            let slots = object["slots"] as? [String: String] ?? [:]
            if let unknown = slots.keys.first(where: { !Slots.names.contains($0) }) {
                throw LabelledSetError(
                    description:
                        "\(place): unknown slot \"\(unknown)\"; slots are \(Slots.names.joined(separator: ", "))")
            }
            utterances.append(
                LabelledUtterance(
                    lineNumber: index + 1, text: text, intent: intent, isUrgent: object["urgent"] as? Bool ?? false,
                    now: object["now"] as? String, slots: slots))
        }
        return utterances
    }

    /// Runs every utterance; a line's `now` (or `defaultNow`) and its offset set the clock and time zone.
    static func run(_ utterances: [LabelledUtterance], doctors: [String], defaultNow: String) throws -> Self {
        var evaluation = Self()
        var understanders: [Int: Understander] = [:]
        for utterance in utterances {
            let nowText = utterance.now ?? defaultNow
            guard let (now, offset) = UnderstandingClock.parse(nowText) else {
                throw LabelledSetError(
                    description: "line \(utterance.lineNumber): \"now\" is not ISO 8601: '\(nowText)'")
            }
            let seconds = offset ?? TimeZone.current.secondsFromGMT()
            if understanders[seconds] == nil {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: seconds) ?? .current
                understanders[seconds] = Understander(doctors: doctors, calendar: calendar)
            }
            let result = understanders[seconds]!.understand(utterance.text, now: now)
            evaluation.outcomes.append(
                Outcome(
                    utterance: utterance, intent: result.intent, isUrgent: result.isUrgent, slots: result.slots.labelled
                ))
        }
        return evaluation
    }

    var intentAccuracy: Double {
        Self.ratio(self.outcomes.filter { $0.intent == $0.utterance.intent }.count, self.outcomes.count)
    }

    var slotScores: [String: SlotScore] {
        var scores: [String: SlotScore] = [:]
        for outcome in self.outcomes {
            for name in Slots.names {
                let expected = outcome.utterance.slots[name]
                let predicted = outcome.slots[name]
                if expected != nil { scores[name, default: SlotScore()].expected += 1 }
                if predicted != nil { scores[name, default: SlotScore()].predicted += 1 }
                if let expected, expected.lowercased() == predicted?.lowercased() {
                    scores[name, default: SlotScore()].correct += 1
                }
            }
        }
        return scores
    }

    /// All slots together.
    var slotTotal: SlotScore {
        self.slotScores.values.reduce(SlotScore()) {
            SlotScore(
                correct: $0.correct + $1.correct, expected: $0.expected + $1.expected,
                predicted: $0.predicted + $1.predicted)
        }
    }

    var urgentCount: Int { self.outcomes.filter(\.utterance.isUrgent).count }
    var urgentRecall: Double {
        Self.ratio(self.outcomes.filter { $0.utterance.isUrgent && $0.isUrgent }.count, self.urgentCount)
    }
    var falseAlarmRate: Double {
        Self.ratio(
            self.outcomes.filter { !$0.utterance.isUrgent && $0.isUrgent }.count, self.outcomes.count - self.urgentCount
        )
    }

    /// `confusion[expected][predicted]` counts.
    var confusion: [Intent: [Intent: Int]] {
        var table: [Intent: [Intent: Int]] = [:]
        for outcome in self.outcomes { table[outcome.utterance.intent, default: [:]][outcome.intent, default: 0] += 1 }
        return table
    }

    /// Utterances with a wrong intent, a wrong or missing or extra slot, or a wrong urgency.
    var misses: [Outcome] {
        self.outcomes.filter { outcome in
            outcome.intent != outcome.utterance.intent || outcome.isUrgent != outcome.utterance.isUrgent
                || Slots.names.contains { outcome.slots[$0]?.lowercased() != outcome.utterance.slots[$0]?.lowercased() }
        }
    }

    static func ratio(_ count: Int, _ total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }
}

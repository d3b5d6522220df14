import Foundation
import Understanding

/// Cost of understanding one caller utterance (urgency, intent and every slot) and of feeding one partial
/// hypothesis to the urgency monitor, over a fixed mix of typical, disfluent and long utterances. Accuracy is
/// `attendant eval understanding`.
enum UnderstandingBenchmark {
    static let utterances = [
        "hi, um, I need to see Dr. Patel sometime Tuesday morning",
        "I'm calling about my chest X-ray results",
        "my little boy is burning up and he's not waking properly",
        "can I come in the fifteenth at three thirty",
        "I need to reschedule my appointment to next Tuesday after 4",
        "my date of birth is the fourth of July nineteen eighty two",
        "my number is five five five, one two three, double four five six seven",
        "yeah that's right",
        "this is Maria Lopez calling, I need a refill on my inhaler",
        "I bled a little after the blood test, is that normal",
        "uh what time do you close on saturday",
        "I don't want to cancel, I just want to move it to the day after tomorrow in the afternoon",
        "so um I was wondering, my mother has a history of stroke and needs her blood pressure checked, could "
            + "Dr. Grant fit her in sometime in two weeks, preferably before noon, her date of birth is 07/04/1942",
    ]

    static func run(into report: inout Report, isQuick: Bool) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: -5 * 3600)!
        let now = calendar.date(from: DateComponents(year: 2025, month: 3, day: 11, hour: 9, minute: 30))!
        let understander = Understander(doctors: ["Dr. Grant", "Dr. Patel", "Dr. Lee"], calendar: calendar)
        let rounds = isQuick ? 20 : 200
        let operationCount = rounds * Self.utterances.count

        let perUtterance = medianSecondsPerOperation(operationCount: operationCount) {
            var urgentCount = 0
            for _ in 0..<rounds {
                for text in Self.utterances where understander.understand(text, now: now).isUrgent {
                    urgentCount += 1
                }
            }
            blackHole(urgentCount)
        }
        report.add(
            Measurement(
                group: "understand", name: "understand one utterance", value: perUtterance * 1e6,
                unit: "µs/utterance", target: .atMost(1000),
                note: "urgency + intent + slots; mean over \(Self.utterances.count) utterances of 3-40 words"))

        // Every word prefix of every utterance, as a recognizer's growing partial hypotheses.
        let partials = Self.utterances.flatMap { text -> [String] in
            let words = text.split(separator: " ")
            return (1...words.count).map { words[..<$0].joined(separator: " ") }
        }
        let partialRounds = isQuick ? 5 : 50
        let perPartial = medianSecondsPerOperation(operationCount: partialRounds * partials.count) {
            var firedCount = 0
            for _ in 0..<partialRounds {
                var monitor = UrgencyMonitor()
                for partial in partials {
                    monitor.reset()
                    if monitor.feed(partial) != nil { firedCount += 1 }
                }
            }
            blackHole(firedCount)
        }
        report.add(
            Measurement(
                group: "understand", name: "urgency monitor one partial", value: perPartial * 1e6,
                unit: "µs/hypothesis", note: "\(partials.count) word prefixes; no target set"))
    }
}

import AudioCore
import Foundation
import Practice

/// The numbers `attendant report` prints: one tally per day and one over the whole range.
struct CallReport {
    /// What a set of calls adds up to.
    struct Tally: Equatable {
        var callCount = 0
        var transferCount = 0
        var bookingCount = 0
        var cancellationCount = 0
        var urgentCount = 0
        /// Transferred calls by the caller's intent (`unknown` for none): the store keeps no transfer reason.
        var transfersByIntent: [String: Int] = [:]
        /// Every call by outcome (`none` while a call has none).
        var outcomes: [String: Int] = [:]
        /// Every turn latency of these calls, in milliseconds, in no particular order.
        var turnLatencyMilliseconds: [Double] = []

        /// Calls whose outcome is not `transferred`.
        var handledWithoutStaffCount: Int { self.callCount - self.transferCount }

        /// `handledWithoutStaffCount` over `callCount`; `nil` without calls.
        var handledWithoutStaffShare: Double? {
            self.callCount == 0 ? nil : Double(self.handledWithoutStaffCount) / Double(self.callCount)
        }

        mutating func add(_ record: CallRecord) {
            self.callCount += 1
            if record.outcome == "transferred" {
                self.transferCount += 1
                self.transfersByIntent[record.intent ?? "unknown", default: 0] += 1
            }
            self.outcomes[record.outcome ?? "none", default: 0] += 1
            if record.intent == "emergency" { self.urgentCount += 1 }
            for action in record.actions {
                switch action.split(separator: " ", maxSplits: 1).first {
                case "book": self.bookingCount += 1
                case "cancel": self.cancellationCount += 1
                default: break
                }
            }
            self.turnLatencyMilliseconds += record.turnLatencyMilliseconds
        }

        /// The nearest-rank `percent` percentile of the turn latencies: the value at rank ⌈percent/100 · n⌉ of the
        /// sorted latencies (rank 1 at least); `nil` without latencies.
        ///
        /// - Complexity: O(*n* log *n*) in the number of latencies.
        func latencyPercentile(_ percent: Double) -> Double? {
            nearestRankPercentile(self.turnLatencyMilliseconds, percent: percent)
        }
    }

    /// The percentiles the report shows.
    static let percentiles: [(name: String, percent: Double)] = [("p50", 50), ("p95", 95), ("p99", 99)]

    /// The days that had a call, earliest first, each with its tally.
    let days: [(day: LocalDate, tally: Tally)]

    /// All the calls together.
    let total: Tally

    /// Tallies `records`, putting each call on the day it started on the practice's clock.
    init(_ records: [CallRecord], practice: PracticeConfiguration) {
        var byDay: [LocalDate: Tally] = [:]
        var total = Tally()
        for record in records {
            // The practice's clock covers every instant the store can hold; a miss would be a calendar bug.
            guard let day = practice.localTime(of: record.startedAt)?.date else { continue }
            byDay[day, default: Tally()].add(record)
            total.add(record)
        }
        self.days = byDay.keys.sorted().map { ($0, byDay[$0] ?? Tally()) }
        self.total = total
    }

    func table(practice: PracticeConfiguration) -> [String] {
        guard self.total.callCount > 0 else { return ["no calls"] }
        let header =
            [
                "day (\(practice.timeZone.identifier))", "calls", "no staff", "transfers", "bookings", "cancellations",
                "urgent",
            ] + Self.percentiles.map { "\($0.name) ms" }
        var cells = [header]
        for (day, tally) in self.days { cells.append(Self.cells(String(describing: day), tally)) }
        cells.append(Self.cells("total", self.total))

        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        var lines = cells.map { line in
            line.enumerated().map { column, cell in
                column == line.count - 1
                    ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined().trimmingCharacters(in: .whitespaces)
        }
        lines.append(
            "transfers by caller's intent (the store keeps no transfer reason): "
                + Self.counts(self.total.transfersByIntent, empty: "none"))
        lines.append("outcomes: " + Self.counts(self.total.outcomes, empty: "none"))
        lines.append(
            "latency: nearest-rank percentiles over all \(self.total.turnLatencyMilliseconds.count) turn latencies")
        return lines
    }

    /// `book 2, transferred 1`: most first, ties by name.
    static func counts(_ counts: [String: Int], empty: String) -> String {
        guard !counts.isEmpty else { return empty }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            .joined(separator: ", ")
    }

    static func cells(_ label: String, _ tally: Tally) -> [String] {
        let share = tally.handledWithoutStaffShare.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
        let latencies = Self.percentiles.map { percentile in
            tally.latencyPercentile(percentile.percent).map { String(format: "%.0f", $0) } ?? "-"
        }
        return [
            label, String(tally.callCount), share, String(tally.transferCount), String(tally.bookingCount),
            String(tally.cancellationCount), String(tally.urgentCount),
        ] + latencies
    }

    func json(practice: PracticeConfiguration, from: String?, to: String?) throws -> String {
        func object(_ tally: Tally) -> [String: Any] {
            var latency: [String: Any] = ["count": tally.turnLatencyMilliseconds.count]
            for percentile in Self.percentiles {
                latency[percentile.name] = tally.latencyPercentile(percentile.percent).map { $0 as Any } ?? NSNull()
            }
            return [
                "calls": tally.callCount,
                "handledWithoutStaff": tally.handledWithoutStaffCount,
                "handledWithoutStaffShare": tally.handledWithoutStaffShare.map { $0 as Any } ?? NSNull(),
                "transfers": tally.transferCount,
                "transfersByIntent": tally.transfersByIntent,
                "outcomes": tally.outcomes,
                "bookings": tally.bookingCount,
                "cancellations": tally.cancellationCount,
                "urgent": tally.urgentCount,
                "turnLatencyMilliseconds": latency,
            ]
        }
        let days: [[String: Any]] = self.days.map { day, tally in
            object(tally).merging(["day": String(describing: day)]) { _, new in new }
        }
        let root: [String: Any] = [
            "practice": practice.name,
            "timeZone": practice.timeZone.identifier,
            "from": from.map { $0 as Any } ?? NSNull(),
            "to": to.map { $0 as Any } ?? NSNull(),
            "percentileDefinition": "nearest-rank over all turn latencies of the calls in range",
            "transferReason": "not kept by the store; transfers are counted by the caller's intent",
            "days": days,
            "total": object(self.total),
        ]
        let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

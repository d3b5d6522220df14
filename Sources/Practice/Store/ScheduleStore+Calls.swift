import Foundation

/// Call records: what each call was about and how it went.
extension ScheduleStore {
    /// Stores `record`, replacing the record with the same id: a call can be recorded when it starts and again
    /// when it ends.
    ///
    /// - Throws: `ScheduleStoreError.invalidArgument` for a blank id or an end before the start, `.database`.
    public func recordCall(_ record: CallRecord) throws(ScheduleStoreError) {
        guard !record.id.isEmpty else { throw .invalidArgument("a call record needs an id") }
        let startedAt = try Self.seconds(record.startedAt)
        let endedAt = try record.endedAt.map { date throws(ScheduleStoreError) in try Self.seconds(date) }
        if let endedAt, endedAt < startedAt { throw .invalidArgument("call \(record.id) ends before it starts") }
        guard record.turnLatencyMilliseconds.allSatisfy(\.isFinite) else {
            throw .invalidArgument("call \(record.id) has a latency that is not a number")
        }
        let actions = try Self.json(record.actions)
        let latencies = try Self.json(record.turnLatencyMilliseconds)

        try ScheduleStoreError.wrapping {
            try self.connection.run(
                """
                INSERT INTO call_records (id, caller_number, started_at, ended_at, intent, outcome, transcript,
                    actions_json, latencies_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET caller_number = excluded.caller_number,
                    started_at = excluded.started_at, ended_at = excluded.ended_at, intent = excluded.intent,
                    outcome = excluded.outcome, transcript = excluded.transcript,
                    actions_json = excluded.actions_json, latencies_json = excluded.latencies_json
                """,
                [
                    .text(record.id), .optionalText(record.callerNumber), .integer(startedAt),
                    .optionalInteger(endedAt), .optionalText(record.intent), .optionalText(record.outcome),
                    .text(record.transcript), .text(actions), .text(latencies),
                ])
        }
    }

    /// The record of call `id`, or `nil`.
    ///
    /// - Throws: `ScheduleStoreError.corruptRow` when its actions or latencies are not the JSON arrays the store
    ///   writes, `.database`.
    public func callRecord(id: String) throws(ScheduleStoreError) -> CallRecord? {
        try self.callRecords(matching: "id = ?", [.text(id)]).first
    }

    /// `value` as compact JSON text.
    static func json<Value: Encodable>(_ value: Value) throws(ScheduleStoreError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        } catch {
            throw .invalidArgument("cannot write \(value) as JSON: \(error)")
        }
    }
}

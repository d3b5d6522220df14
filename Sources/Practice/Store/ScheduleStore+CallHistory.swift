import Foundation

/// Reading call records by time, for the report.
extension ScheduleStore {
    /// The calls that started in `from..<to`, earliest first (ties by id).
    ///
    /// - Parameters:
    ///   - from: The earliest start to include; `nil` for no lower bound.
    ///   - to: The first start to leave out; `nil` for no upper bound.
    /// - Throws: `ScheduleStoreError.invalidArgument` for a bound outside the instants the store holds,
    ///   `.corruptRow` when a record's actions or latencies are not the JSON arrays the store writes, `.database`.
    public func callRecords(from: Date? = nil, to: Date? = nil) throws(ScheduleStoreError) -> [CallRecord] {
        let lower = try from.map { date throws(ScheduleStoreError) in try Self.seconds(date) } ?? Int64.min
        let upper = try to.map { date throws(ScheduleStoreError) in try Self.seconds(date) } ?? Int64.max

        return try self.callRecords(
            matching: "started_at >= ? AND started_at < ? ORDER BY started_at, id", [.integer(lower), .integer(upper)])
    }

    /// The call records a `WHERE` clause (with its ordering) and its values select, decoded.
    ///
    /// - Throws: `ScheduleStoreError.corruptRow` when a record's actions or latencies are not the JSON arrays the
    ///   store writes, `.database`.
    func callRecords(matching clause: String, _ values: [SQLiteValue]) throws(ScheduleStoreError) -> [CallRecord] {
        let rows = try ScheduleStoreError.wrapping {
            try self.connection.rows(
                """
                SELECT id, caller_number, started_at, ended_at, intent, outcome, transcript, actions_json,
                    latencies_json
                FROM call_records WHERE \(clause)
                """, values
            ) { row throws(SQLiteError) in
                (
                    record: CallRecord(
                        id: try row.text(at: 0), callerNumber: try row.optionalText(at: 1),
                        startedAt: Self.date(try row.integer(at: 2)),
                        endedAt: try row.optionalInteger(at: 3).map(Self.date), intent: try row.optionalText(at: 4),
                        outcome: try row.optionalText(at: 5), transcript: try row.text(at: 6)),
                    actions: try row.text(at: 7), latencies: try row.text(at: 8)
                )
            }
        }

        var records: [CallRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            var record = row.record
            do {
                record.actions = try JSONDecoder().decode([String].self, from: Data(row.actions.utf8))
                record.turnLatencyMilliseconds = try JSONDecoder().decode(
                    [Double].self, from: Data(row.latencies.utf8))
            } catch {
                throw .corruptRow("call \(record.id): actions or latencies are not the JSON arrays the store writes")
            }
            records.append(record)
        }
        return records
    }
}

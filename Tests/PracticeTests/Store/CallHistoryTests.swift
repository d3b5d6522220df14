import Foundation
import Practice
import Testing

/// `ScheduleStore.callRecords(from:to:)`: the calls of a time range, in order.
@Suite("Call history")
struct CallHistoryTests {
    @Test("the range is half-open on the start, earliest first, ties by id, with actions and latencies decoded")
    func range() throws {
        let store = try StoreFixture.memoryStore()
        let now = StoreFixture.now
        let records = [
            CallRecord(id: "b", startedAt: now, actions: ["book Dr. Lee"], turnLatencyMilliseconds: [410, 380]),
            CallRecord(id: "a", startedAt: now, outcome: "transferred"),
            CallRecord(id: "early", startedAt: now.addingTimeInterval(-60)),
            CallRecord(id: "late", startedAt: now.addingTimeInterval(3600), intent: "emergency"),
        ]
        for record in records { try store.recordCall(record) }

        #expect(try store.callRecords().map(\.id) == ["early", "a", "b", "late"])
        let inRange = try store.callRecords(from: now, to: now.addingTimeInterval(3600))
        #expect(inRange.map(\.id) == ["a", "b"])
        #expect(inRange.last == records[0])
        #expect(try store.callRecords(from: now.addingTimeInterval(3601)).isEmpty)
    }
}

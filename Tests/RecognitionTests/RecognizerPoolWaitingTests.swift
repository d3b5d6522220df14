import AudioCore
import Foundation
import Testing

@testable import Recognition

@Suite("Recognizer pool from plain threads")
struct RecognizerPoolWaitingTests {
    @Test("A plain thread's borrow reuses the recognizer given back by the turn before")
    func reusesAcrossTurns() async throws {
        let pool = RecognizerPool(capacity: 2)
        let (first, second) = try await onThread { () throws(RecognizerPoolError) in
            let first = try pool.borrowWaiting(.digits)
            first.giveBack()
            let second = try pool.borrowWaiting(.digits)
            defer { second.giveBack() }
            return (ObjectIdentifier(first.recognizer), ObjectIdentifier(second.recognizer))
        }
        #expect(first == second)
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
    }

    @Test("With every recognizer borrowed, a plain thread's borrow fails as exhausted after the wait limit")
    func exhausted() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(50))
        let held = try await pool.borrow(.yesNo)
        let (error, waited) = await onThread { () -> (RecognizerPoolError?, Duration) in
            let start = ContinuousClock.now
            do throws(RecognizerPoolError) {
                _ = try pool.borrowWaiting(.yesNo)
                return (nil, ContinuousClock.now - start)
            } catch {
                return (error, ContinuousClock.now - start)
            }
        }
        guard case .exhausted(let capacity, _) = error else {
            Issue.record("expected exhausted, got \(String(describing: error))")
            return
        }
        #expect(capacity == 1)
        #expect(waited >= .milliseconds(50))
        #expect(pool.counts == .init(idle: 0, borrowed: 1, created: 1))
        held.giveBack()
    }

    // The wait limits below are long, and the checks time the wake from the give-back on the threads themselves:
    // whole-call tests running beside these hold the cooperative threads for a minute or more, so a task here may
    // not run for that long. A waiter that is never woken runs out its limit and fails the test.

    @Test("A thread waiting for a recognizer gets it when another thread gives it back")
    func waiterIsWokenByAnotherThread() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .seconds(300))
        let held = try await onThread { () throws(RecognizerPoolError) in try pool.borrowWaiting(.digits) }
        let heldRecognizer = ObjectIdentifier(held.recognizer)
        async let waited = onThread { () throws(RecognizerPoolError) -> (ObjectIdentifier, ContinuousClock.Instant) in
            let lease = try pool.borrowWaiting(.digits)
            defer { lease.giveBack() }
            return (ObjectIdentifier(lease.recognizer), ContinuousClock.now)
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(pool.counts.borrowed == 1)
        let givenBack = await onThread { () -> ContinuousClock.Instant in
            held.giveBack()
            return ContinuousClock.now
        }
        let (recognizer, lent) = try await waited
        #expect(recognizer == heldRecognizer)
        #expect(lent - givenBack < .seconds(5), "woken by the give-back, not by its wait limit")
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
    }

    @Test("A give-back wakes waiting threads and waiting tasks alike")
    func wakesThreadAndTaskWaiters() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .seconds(300))
        let held = try await pool.borrow(.digits)
        // Each waiter holds its lease a moment, so the other is still waiting when the first is woken.
        async let threadLent = onThread { () throws(RecognizerPoolError) -> ContinuousClock.Instant in
            let lease = try pool.borrowWaiting(.digits)
            let lent = ContinuousClock.now
            Thread.sleep(forTimeInterval: 0.05)
            lease.giveBack()
            return lent
        }
        let fromTask = Task {
            let lease = try await pool.borrow(.digits)
            try await Task.sleep(for: .milliseconds(50))
            lease.giveBack()
        }
        try await Task.sleep(for: .milliseconds(100))
        let givenBack = ContinuousClock.now
        held.giveBack()
        let lent = try await threadLent
        try await fromTask.value
        // The thread is woken by the first give-back or by the task's, which follows it within the task's hold.
        #expect(lent - givenBack < .seconds(200), "woken by a give-back, not by its wait limit")
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
    }

    @Test("A lease dropped on a plain thread without a give-back returns its recognizer")
    func droppedLeaseReturns() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(50))
        try await onThread { () throws in
            // Mid-turn, as a dropped call leaves it: the lease goes out of scope here.
            let lease = try pool.borrowWaiting(.digits)
            try lease.recognizer.startTurn()
        }
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
        let next = try await pool.borrow(.digits)
        try next.recognizer.startTurn()  // The turn left open was ended by the give-back.
        next.giveBack()
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
    }
}

/// Runs `body` on a thread of its own, not a task's: `borrowWaiting` blocks the thread it is called on.
func onThread<Result: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> Result
) async throws(Failure) -> Result {
    let result = await withCheckedContinuation {
        (continuation: CheckedContinuation<Swift.Result<Result, Failure>, Never>) in
        let thread = Thread {
            continuation.resume(returning: Swift.Result { () throws(Failure) in try body() })
        }
        thread.start()
    }
    return try result.get()
}

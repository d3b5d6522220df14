import AudioCore
import Foundation
import Testing

@testable import Recognition

@Suite("Recognizer pool")
struct RecognizerPoolConcurrencyTests {
    @Test("A borrowed recognizer comes back idle and is reused for the next turn of its context")
    func borrowAndReturn() async throws {
        let pool = RecognizerPool(capacity: 2)
        let lease = try await pool.borrow(.digits)
        #expect(pool.counts == .init(idle: 0, borrowed: 1, created: 1))
        lease.giveBack()
        lease.giveBack()  // A second give-back does nothing.
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))

        let again = try await pool.borrow(.digits)
        #expect(again.recognizer === lease.recognizer)
        #expect(pool.counts.created == 1)
        again.giveBack()
    }

    @Test("Many concurrent turns never hold more recognizers than the capacity, and all of them decode")
    func capacityUnderConcurrency() async throws {
        // The wait limit is a time-out, not what is tested: on a loaded 2-core machine the other suites' synchronous
        // tests (whole calls) hold the cooperative threads the twelve turns need, and 30 s once ran out in CI.
        let pool = RecognizerPool(capacity: 2, waitLimit: .seconds(300))
        let audio = try RecognitionAudio.spoken("four two")
        let inUse = InUseCounter()
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.withRecognizer(for: .digits) { recognizer in
                        inUse.state.withLock {
                            $0.now += 1
                            $0.most = max($0.most, $0.now)
                        }
                        defer { inUse.state.withLock { $0.now -= 1 } }
                        try await Task.sleep(for: .milliseconds(10))
                        return try recognizer.recognize(audio).text
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(texts == Array(repeating: "four two", count: 12))
        #expect(inUse.state.withLock { $0.most } <= 2)
        #expect(pool.counts.created <= 2)
        #expect(pool.counts.borrowed == 0)
    }

    @Test("When every recognizer stays busy, borrowing fails after the wait with a typed error")
    func exhausted() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(50))
        let held = try await pool.borrow(.yesNo)
        await #expect(throws: RecognizerPoolError.self) { _ = try await pool.borrow(.yesNo) }
        await #expect(throws: RecognizerPoolError.self) { _ = try await pool.borrow(.digits) }
        held.giveBack()
        let next = try await pool.borrow(.yesNo)
        next.giveBack()
    }

    @Test("A waiting borrower gets the recognizer as soon as it is given back")
    func waiterIsWoken() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .seconds(30))
        let held = try await pool.borrow(.digits)
        let waiter = Task { try await pool.borrow(.digits) }
        try await Task.sleep(for: .milliseconds(50))
        held.giveBack()
        let lease = try await waiter.value
        #expect(lease.recognizer === held.recognizer)
        lease.giveBack()
    }

    @Test("A turn that throws, or a lease that is dropped, still gives the recognizer back")
    func returnedOnAbnormalEnd() async throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(50))
        struct TurnFailed: Error {}
        await #expect(throws: TurnFailed.self) {
            try await pool.withRecognizer(for: .digits) { recognizer in
                try recognizer.startTurn()
                throw TurnFailed()
            }
        }
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))

        do {
            let lease = try await pool.borrow(.digits)
            try lease.recognizer.startTurn()
        }
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
    }

    @Test("A recognizer given back in the middle of a turn decodes the next turn correctly")
    func reuseAfterAbandonedTurn() async throws {
        let pool = RecognizerPool(capacity: 1)
        let first = try await pool.borrow(.digits)
        let abandoned = try RecognitionAudio.spoken("nine nine nine")
        try first.recognizer.startTurn()
        try abandoned.withUnsafeBufferPointer { buffer in
            try first.recognizer.process(UnsafeBufferPointer(rebasing: buffer[0..<(buffer.count / 2)]))
        }
        first.recognizer.rejectionThreshold = 2
        first.giveBack()

        let second = try await pool.borrow(.digits)
        #expect(second.recognizer === first.recognizer)
        #expect(second.recognizer.rejectionThreshold == Recognizer.defaultRejectionThreshold)
        let result = try second.recognizer.recognize(try RecognitionAudio.spoken("one two three"))
        #expect(result.text == "one two three")
        second.giveBack()
    }

    @Test("A full pool frees an idle recognizer of another context to make room")
    func evictsIdleOfAnotherContext() async throws {
        let pool = RecognizerPool(capacity: 1)
        try await pool.withRecognizer(for: .digits) { _ in }
        let lease = try await pool.borrow(.yesNo)
        #expect(lease.recognizer.context == .yesNo)
        #expect(pool.counts == .init(idle: 0, borrowed: 1, created: 2))
        lease.giveBack()
    }

    @Test("The name context is rebuilt when the names change, idle and borrowed recognizers alike")
    func namesChange() async throws {
        let pool = RecognizerPool(capacity: 2, names: ["Grant", "Patel"])
        let audio = try RecognitionAudio.spoken("my name is maria gonzalez")
        let before = try await pool.withRecognizer(for: .name) { try $0.recognize(audio).text }
        #expect(!before.contains("gonzalez"))

        let borrowed = try await pool.borrow(.name)
        pool.updateNames(["Grant", "Patel", "Maria Gonzalez"])
        #expect(pool.counts.idle == 0)
        let after = try await pool.withRecognizer(for: .name) { recognizer in
            #expect(recognizer.names == ["Grant", "Patel", "Maria Gonzalez"])
            return try recognizer.recognize(audio).text
        }
        #expect(after == "my name is maria gonzalez")
        borrowed.giveBack()
        // The stale recognizer is freed, not kept.
        #expect(pool.counts.idle == 1)
    }
}

/// How many recognizers the test's tasks hold at once, and the most they ever held.
final class InUseCounter: Sendable {
    let state = Locked((now: 0, most: 0))
}

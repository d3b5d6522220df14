import AudioCore
import Dispatch
import Synchronization

/// Recognizers lent to calls one turn at a time, sized to how many callers speak at once rather than to how many
/// calls are open (most of a call is the agent talking or the caller thinking).
///
/// A call borrows a recognizer for the context of its question when the caller's turn starts and gives it back
/// when the turn ends; the next turn, in any call, reuses it after a reset. The pool makes recognizers lazily,
/// at most `capacity` of them in all contexts together; when it is full and the context wanted has none idle,
/// an idle recognizer of another context is freed to make room. When every recognizer is borrowed, `borrow`
/// waits up to `waitLimit` for one to come back (turns last seconds, so a short burst of callers is absorbed)
/// and then fails with `RecognizerPoolError.exhausted`; the dialogue should then play a hold prompt and try
/// again, never decode without a recognizer. `borrowWaiting(_:includesCommonNames:)` does the same for a plain
/// thread (a call's call side), blocking where `borrow` suspends; the two decide alike and wake each other's
/// waiters.
///
/// A lease gives its recognizer back when `giveBack()` is called or, failing that, when the lease is released,
/// so a turn that ends by a thrown error or a dropped call still returns it; `withRecognizer(for:_:)` does both.
/// `updateNames(_:)` replaces the `name` context's names: idle `name` recognizers are freed at once and
/// borrowed ones when they come back, so the next turn hears the new names. `borrow(.name, includesCommonNames:
/// true)` lends a `name` recognizer that also hears the common given and family names (a caller who is not yet a
/// patient); the two kinds are kept apart.
///
/// Each recognizer holds two pocketsphinx decoders (the context's and its phone loop); making one takes about
/// 20 ms and decoders are made one at a time process-wide (see `PocketSphinxDecoder.init`), which the pool does
/// outside its own lock, so borrowers of idle recognizers never wait behind a creation.
///
/// Not real-time safe: `borrow` from tasks, `borrowWaiting` from plain threads, never from an audio thread; it locks
/// and allocates.
public final class RecognizerPool: Sendable {
    /// How many recognizers the pool may hold at once, idle and borrowed, over every context.
    public let capacity: Int

    /// How long `borrow` waits for a recognizer to come back when all are borrowed.
    public let waitLimit: Duration

    private let state: Locked<State>

    /// What a recognizer is for: its context and, for `name`, which list of names it was built from and whether
    /// it hears the common names.
    struct Key: Hashable, Sendable {
        var context: RecognitionContext
        var nameGeneration: Int
        var includesCommonNames = false
    }

    private struct State {
        var idle: [Key: [Recognizer]] = [:]
        var idleCount = 0
        var borrowedCount = 0
        var createdCount = 0
        var names: [String]
        var nameGeneration = 0
        /// Counts every event that may let a waiting borrower through, so a waiter can tell it missed one.
        var releaseCount = 0
        var waiters: [(id: UInt64, waiter: Waiter)] = []
        var nextWaiterID: UInt64 = 0

        func key(for context: RecognitionContext, includesCommonNames: Bool) -> Key {
            let isName = context == .name
            return Key(
                context: context, nameGeneration: isName ? self.nameGeneration : 0,
                includesCommonNames: isName && includesCommonNames)
        }

        mutating func takeWaiters() -> [Waiter] {
            defer { self.waiters = [] }
            return self.waiters.map(\.waiter)
        }
    }

    /// A borrower waiting for a release: a suspended task, or a blocked thread.
    private enum Waiter {
        case task(CheckedContinuation<Void, Never>)
        case thread(DispatchSemaphore)

        /// Lets the borrower try again; called once per waiter, outside the lock.
        func resume() {
            switch self {
            case .task(let continuation): continuation.resume()
            case .thread(let semaphore): semaphore.signal()
            }
        }
    }

    /// What a borrower's attempt came to: a lease, or nothing free since `releaseCount` releases.
    private enum Attempt {
        case lent(RecognizerLease)
        case wait(releaseCount: Int)
    }

    /// What a borrower does next, decided under the lock.
    private enum Step {
        case reuse(Recognizer, Key)
        case create(Key, names: [String], evicted: Recognizer?)
        case wait(releaseCount: Int)
    }

    /// An empty pool.
    ///
    /// - Parameters:
    ///   - capacity: the most recognizers at once (≥ 1): the number of callers expected to speak at the same
    ///     moment, not the number of calls. Each costs the memory of two decoders (see the README).
    ///   - waitLimit: how long a borrower waits when every recognizer is borrowed (default 1 s).
    ///   - names: the names the `name` context hears until `updateNames(_:)`.
    public init(
        capacity: Int, waitLimit: Duration = .seconds(1), names: [String] = RecognitionContext.defaultNames
    ) {
        precondition(capacity >= 1, "a recognizer pool needs a capacity of at least 1")
        self.capacity = capacity
        self.waitLimit = waitLimit
        self.state = Locked(State(names: names))
    }

    /// How many recognizers are idle and borrowed now, and how many the pool has made in all.
    public struct Counts: Sendable, Hashable {
        public var idle: Int
        public var borrowed: Int
        public var created: Int
    }

    /// The pool's counts at this moment.
    public var counts: Counts {
        self.state.withLock { Counts(idle: $0.idleCount, borrowed: $0.borrowedCount, created: $0.createdCount) }
    }

    /// The names the `name` context's recognizers are built from now.
    public var names: [String] { self.state.withLock { $0.names } }

    /// Borrows a recognizer for one turn in `context`: an idle one after a reset, or a new one while the pool
    /// has room.
    ///
    /// - Parameter includesCommonNames: for `name`, a recognizer that also hears the common given and family
    ///   names (`Recognizer.init(context:names:includesCommonNames:…)`), to register a caller who is not yet a
    ///   patient. Ignored by the other contexts.
    /// - Returns: a lease; give it back with `giveBack()` when the turn ends (releasing the lease does too).
    /// - Throws: `RecognizerPoolError.exhausted` when every recognizer stayed borrowed for `waitLimit`,
    ///   `.cancelled` when the task was cancelled while waiting, `.creationFailed` when pocketsphinx could not
    ///   make one.
    public func borrow(
        _ context: RecognitionContext, includesCommonNames: Bool = false
    ) async throws(RecognizerPoolError) -> RecognizerLease {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: self.waitLimit)
        while true {
            switch try self.attempt(context, includesCommonNames: includesCommonNames) {
            case .lent(let lease):
                return lease
            case .wait(let releaseCount):
                if Task.isCancelled { throw .cancelled }
                guard clock.now < deadline else {
                    throw .exhausted(capacity: self.capacity, waitedSeconds: self.waitLimit.secondsValue)
                }
                await self.waitForRelease(after: releaseCount, until: deadline)
            }
        }
    }

    /// Borrows a recognizer for one turn in `context` from a plain thread, blocking where
    /// `borrow(_:includesCommonNames:)` suspends: an idle one after a reset, a new one while the pool has room, or,
    /// when every one is borrowed, the first given back within `waitLimit`.
    ///
    /// Not real-time safe: plain threads only (a call's call side), never a task or an audio thread; it locks,
    /// allocates, may make a recognizer (about 20 ms) and blocks up to `waitLimit`.
    ///
    /// - Parameter includesCommonNames: for `name`, a recognizer that also hears the common given and family names.
    ///   Ignored by the other contexts.
    /// - Returns: a lease; give it back with `giveBack()` when the turn ends (releasing the lease does too).
    /// - Throws: `RecognizerPoolError.exhausted` when every recognizer stayed borrowed for `waitLimit`,
    ///   `.creationFailed` when pocketsphinx could not make one. Never `.cancelled`.
    public func borrowWaiting(
        _ context: RecognitionContext, includesCommonNames: Bool = false
    ) throws(RecognizerPoolError) -> RecognizerLease {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: self.waitLimit)
        while true {
            switch try self.attempt(context, includesCommonNames: includesCommonNames) {
            case .lent(let lease):
                return lease
            case .wait(let releaseCount):
                guard clock.now < deadline else {
                    throw .exhausted(capacity: self.capacity, waitedSeconds: self.waitLimit.secondsValue)
                }
                self.blockUntilRelease(after: releaseCount, until: deadline)
            }
        }
    }

    /// One try at a lease, shared by `borrow` and `borrowWaiting`: takes the next step under the lock and, for a
    /// new recognizer, makes it outside.
    private func attempt(
        _ context: RecognitionContext, includesCommonNames: Bool
    ) throws(RecognizerPoolError) -> Attempt {
        let step = self.state.withLock {
            self.nextStep(for: context, includesCommonNames: includesCommonNames, in: &$0)
        }
        switch step {
        case .reuse(let recognizer, let key):
            return .lent(RecognizerLease(recognizer: recognizer, key: key, pool: self))
        case .create(let key, let names, let evicted):
            _ = evicted  // Freed here, outside the lock.
            do {
                let recognizer = try Recognizer(
                    context: context, names: names, includesCommonNames: key.includesCommonNames)
                self.state.withLock { $0.createdCount += 1 }
                return .lent(RecognizerLease(recognizer: recognizer, key: key, pool: self))
            } catch {
                let waiters = self.state.withLock { state in
                    state.borrowedCount -= 1
                    state.releaseCount += 1
                    return state.takeWaiters()
                }
                waiters.forEach { $0.resume() }
                throw .creationFailed(error)
            }
        case .wait(let releaseCount):
            return .wait(releaseCount: releaseCount)
        }
    }

    /// Borrows a recognizer for `context` (see `borrow(_:includesCommonNames:)`), runs `body` with it, and gives
    /// it back however `body` ends.
    ///
    /// - Throws: what `borrow` throws (as `RecognizerPoolError`), or what `body` throws.
    public func withRecognizer<Result: Sendable>(
        for context: RecognitionContext, includesCommonNames: Bool = false,
        _ body: (Recognizer) async throws -> Result
    ) async throws -> Result {
        let lease = try await self.borrow(context, includesCommonNames: includesCommonNames)
        defer { lease.giveBack() }
        return try await body(lease.recognizer)
    }

    /// Replaces the names the `name` context hears. Idle `name` recognizers are freed now; borrowed ones finish
    /// their turn with the old names and are freed when given back.
    public func updateNames(_ names: [String]) {
        let (freed, waiters) = self.state.withLock { state in
            state.names = names
            state.nameGeneration += 1
            var freed: [Recognizer] = []
            for (key, recognizers) in state.idle where key.context == .name {
                freed += recognizers
                state.idle[key] = nil
            }
            state.idleCount -= freed.count
            state.releaseCount += 1
            return (freed, state.takeWaiters())
        }
        _ = freed  // Freed here, outside the lock.
        waiters.forEach { $0.resume() }
    }

    /// Takes back a lease's recognizer: reset and kept idle for its context, or freed when its names are stale.
    func giveBack(_ recognizer: Recognizer, key: Key) {
        recognizer.reset()
        let (stale, waiters) = self.state.withLock { state -> (Recognizer?, [Waiter]) in
            state.borrowedCount -= 1
            state.releaseCount += 1
            var stale: Recognizer?
            if key == state.key(for: key.context, includesCommonNames: key.includesCommonNames) {
                state.idle[key, default: []].append(recognizer)
                state.idleCount += 1
            } else {
                stale = recognizer
            }
            return (stale, state.takeWaiters())
        }
        _ = stale
        waiters.forEach { $0.resume() }
    }

    private func nextStep(
        for context: RecognitionContext, includesCommonNames: Bool, in state: inout State
    ) -> Step {
        let key = state.key(for: context, includesCommonNames: includesCommonNames)
        if let recognizer = state.idle[key]?.popLast() {
            state.idleCount -= 1
            state.borrowedCount += 1
            return .reuse(recognizer, key)
        }
        if state.idleCount + state.borrowedCount < self.capacity {
            state.borrowedCount += 1
            return .create(key, names: state.names, evicted: nil)
        }
        // Full: make room by freeing an idle recognizer of another context.
        if let other = state.idle.first(where: { !$0.value.isEmpty })?.key,
            let evicted = state.idle[other]?.popLast()
        {
            state.idleCount -= 1
            state.borrowedCount += 1
            return .create(key, names: state.names, evicted: evicted)
        }
        return .wait(releaseCount: state.releaseCount)
    }

    /// Suspends until a recognizer is given back (or another release) after `releaseCount`, the deadline
    /// passes, or the task is cancelled, whichever is first.
    private func waitForRelease(after releaseCount: Int, until deadline: ContinuousClock.Instant) async {
        let id = self.state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            self?.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let isMissed = self.state.withLock { state in
                    guard state.releaseCount == releaseCount else { return true }
                    state.waiters.append((id, .task(continuation)))
                    return false
                }
                if isMissed { continuation.resume() }
            }
        } onCancel: {
            self.wake(id)
        }
        timer.cancel()
    }

    /// Blocks the thread until a recognizer is given back (or another release) after `releaseCount`, or the
    /// deadline passes, whichever is first.
    private func blockUntilRelease(after releaseCount: Int, until deadline: ContinuousClock.Instant) {
        let semaphore = DispatchSemaphore(value: 0)
        let id = self.state.withLock { state -> UInt64? in
            guard state.releaseCount == releaseCount else { return nil }  // Missed one: try again now.
            defer { state.nextWaiterID += 1 }
            state.waiters.append((state.nextWaiterID, .thread(semaphore)))
            return state.nextWaiterID
        }
        guard let id else { return }
        let remaining = max(.zero, ContinuousClock.now.duration(to: deadline))
        let (seconds, attoseconds) = remaining.components
        // A wait limit of decades is as good as forever (and would overflow the nanoseconds).
        let timeout: DispatchTime =
            seconds >= 1_000_000_000
            ? .distantFuture : .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        if semaphore.wait(timeout: timeout) == .timedOut {
            // Whoever removes the waiter signals it; a signal after the time-out is left on a semaphore no one keeps.
            self.wake(id)
        }
    }

    /// Resumes one waiter if it is still waiting; each waiter is resumed exactly once, by whoever removes it.
    private func wake(_ id: UInt64) {
        let waiter = self.state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index).waiter
        }
        waiter?.resume()
    }
}

/// One borrowed recognizer, for one turn.
///
/// Not real-time safe: the recognizer is used on one recognition thread or task at a time, as `Recognizer` says.
public final class RecognizerLease: Sendable {
    /// The borrowed recognizer; do not keep it past `giveBack()`.
    public let recognizer: Recognizer

    let key: RecognizerPool.Key
    private let pool: RecognizerPool
    private let isGivenBack = Atomic<Bool>(false)

    init(recognizer: Recognizer, key: RecognizerPool.Key, pool: RecognizerPool) {
        self.recognizer = recognizer
        self.key = key
        self.pool = pool
    }

    /// Returns the recognizer to the pool; later calls do nothing.
    public func giveBack() {
        // Sequentially consistent is more than enough here: the exchange only has to pick one caller.
        guard !self.isGivenBack.exchange(true, ordering: .sequentiallyConsistent) else { return }
        self.pool.giveBack(self.recognizer, key: self.key)
    }

    deinit {
        self.giveBack()
    }
}

/// Why no recognizer could be borrowed.
public enum RecognizerPoolError: Error, Sendable, CustomStringConvertible {
    /// Every recognizer the pool may make stayed borrowed for the whole wait.
    case exhausted(capacity: Int, waitedSeconds: Double)
    /// The borrowing task was cancelled while it waited.
    case cancelled
    /// pocketsphinx could not make a recognizer.
    case creationFailed(RecognitionError)

    public var description: String {
        switch self {
        case .exhausted(let capacity, let waited):
            return "all \(capacity) recognizers stayed busy for \(waited) s; play a hold prompt and borrow again, "
                + "or make the pool larger if this happens often"
        case .cancelled:
            return "the turn was cancelled while it waited for a recognizer"
        case .creationFailed(let error):
            return "could not make a recognizer: \(error)"
        }
    }
}

import Dialogue
import Foundation
import Speech
import Synchronization
import Testing

@testable import Call

/// The prompts as played, kept once for every call of a server.
@Suite("Prompt samples cache") struct PromptSamplesCacheTests {
    static func key(_ text: String) -> PromptSamplesCache.Key {
        PromptSamplesCache.Key(
            prompt: Prompt(key: "offer", text: text, isFixed: false), engine: .default, line: .pcmu)
    }

    @Test("Calls that miss a prompt another call is making wait for it, and it is made once")
    func concurrentMissesMakeOnce() {
        let cache = PromptSamplesCache()
        let makeCount = Atomic<Int>(0)
        let results = Mutex<[[Float]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let samples = try? cache.samples(for: Self.key("Am I speaking with Maria Lopez?")) {
                () throws(CallError) -> [Float] in
                makeCount.add(1, ordering: .relaxed)
                Thread.sleep(forTimeInterval: 0.2)  // A synthesis long enough for every other call to miss it.
                return [0.25, 0.5]
            }
            results.withLock { $0.append(samples ?? []) }
        }
        #expect(makeCount.load(ordering: .relaxed) == 1)
        #expect(results.withLock { $0 } == Array(repeating: [0.25, 0.5], count: 8))
        let counts = cache.counts
        #expect(counts.misses == 1 && counts.hits == 7)
    }

    @Test("A making that fails leaves nothing kept, and the next call makes it again")
    func failedMakingIsRetried() throws {
        let cache = PromptSamplesCache()
        let key = Self.key("Dr. Patel has Tuesday at 9:15.")
        #expect(throws: CallError.self) {
            try cache.samples(for: key) { () throws(CallError) -> [Float] in throw .speech("no voice") }
        }
        let samples = try cache.samples(for: key) { () throws(CallError) -> [Float] in [1] }
        #expect(samples == [1])
        #expect(cache.counts.misses == 2)
    }

    @Test("Past its frame budget the oldest prompts go first")
    func evictsOldest() throws {
        let cache = PromptSamplesCache(maximumFrameCount: 5)
        for text in ["one", "two", "three"] {
            _ = try cache.samples(for: Self.key(text)) { () throws(CallError) -> [Float] in [0, 0] }
        }
        var remade: [String] = []
        for text in ["one", "three"] {
            _ = try cache.samples(for: Self.key(text)) { () throws(CallError) -> [Float] in
                remade.append(text)
                return [0, 0]
            }
        }
        #expect(remade == ["one"])
    }
}

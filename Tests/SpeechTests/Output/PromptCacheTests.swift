import AudioCore
import Codecs
import Glibc
import Speech
import Testing

@Suite("Prompt cache")
struct PromptCacheTests {
    /// A cache whose synthesis is a 1 kHz tone, 100 ms per character, counting its calls.
    static func countingCache(maximumByteCount: Int = PromptCache.defaultMaximumByteCount) -> (
        PromptCache, Locked<Int>
    ) {
        let calls = Locked(0)
        let cache = PromptCache(maximumByteCount: maximumByteCount) { text, _ in
            calls.withLock { $0 += 1 }
            let frameCount = text.count * PromptSynthesizer.sampleRate / 10
            return (0..<frameCount).map { Int16(8000 * sin(2 * Double.pi * 1000 * Double($0) / 16000)) }
        }
        return (cache, calls)
    }

    @Test("a fixed prompt is synthesized once, for every codec and every request")
    func synthesizesOnce() throws {
        let (cache, calls) = Self.countingCache()
        let first = try cache.prompt(key: "greeting", text: "Hello", codec: .pcm16)
        let second = try cache.prompt(key: "greeting", text: "Hello", codec: .pcm16)
        _ = try cache.prompt(key: "greeting", text: "Hello", codec: .g711(.muLaw))
        _ = try cache.prompt(key: "greeting", text: "Hello", codec: .opus(.init()))

        #expect(calls.withLock { $0 } == 1)
        #expect(first == second)
        #expect(cache.statistics.synthesisCount == 1)
        #expect(cache.statistics.hitCount == 1)
        #expect(cache.statistics.entryCount == 3)
    }

    @Test("each codec gets its own entry, and µ-law has one byte per 8 kHz frame")
    func entriesPerCodec() throws {
        let (cache, _) = Self.countingCache()
        let pcm = try cache.prompt(key: "greeting", text: "Hello", codec: .pcm16)
        let muLaw = try cache.prompt(key: "greeting", text: "Hello", codec: .g711(.muLaw))
        let aLaw = try cache.prompt(key: "greeting", text: "Hello", codec: .g711(.aLaw))
        let opus = try cache.prompt(key: "greeting", text: "Hello", codec: .opus(.init()))

        // "Hello" is 500 ms: 8000 PCM frames (16000 bytes), 4000 G.711 bytes, 25 Opus packets of 20 ms.
        #expect(pcm.frameCount == 8000 && pcm.byteCount == 16000)
        #expect(muLaw.frameCount == 4000 && muLaw.byteCount == 4000)
        #expect(aLaw.byteCount == 4000)
        #expect(muLaw.payload != aLaw.payload)
        guard case .packets(let packets) = opus.payload else {
            Issue.record("Opus should be packets")
            return
        }
        #expect(packets.count == 25)
    }

    @Test("the µ-law bytes decode to the prompt's tone")
    func muLawDecodes() throws {
        let (cache, _) = Self.countingCache()
        let muLaw = try cache.prompt(key: "greeting", text: "Hello", codec: .g711(.muLaw))
        guard case .bytes(let codes) = muLaw.payload else {
            Issue.record("µ-law should be bytes")
            return
        }
        let peak = codes.dropFirst(100).map { Int(abs(Int32(G711.decode($0, law: .muLaw)))) }.max() ?? 0

        // The 8000-amplitude tone, within the resampler's ripple and µ-law's step size.
        #expect(peak > 7000 && peak < 9000)
    }

    @Test("a changed text or voice is a new entry, not the old prompt")
    func keyIncludesTextAndVoice() throws {
        let (cache, calls) = Self.countingCache()
        let hello = try cache.prompt(key: "greeting", text: "Hello", codec: .pcm16)
        let longer = try cache.prompt(key: "greeting", text: "Hello there", codec: .pcm16)
        _ = try cache.prompt(key: "greeting", text: "Hello", engine: .flite(.awb), codec: .pcm16)

        #expect(hello != longer)
        #expect(calls.withLock { $0 } == 3)
    }

    @Test("empty text is an error, and nothing is synthesized")
    func emptyText() {
        let (cache, calls) = Self.countingCache()
        #expect {
            try cache.prompt(key: "greeting", text: " ", codec: .pcm16)
        } throws: { error in
            guard case .synthesis(.emptyText) = error as? PromptCacheError else { return false }
            return true
        }
        #expect(calls.withLock { $0 } == 0)
    }

    @Test("the cache stays within its byte budget by dropping the least recently used")
    func staysWithinBudget() throws {
        // One 500 ms prompt costs 16000 bytes of samples and 16000 of PCM payload.
        let (cache, _) = Self.countingCache(maximumByteCount: 70_000)
        for index in 0..<5 {
            _ = try cache.prompt(key: "prompt.\(index)", text: "Hello", codec: .pcm16)
        }

        #expect(cache.statistics.byteCount <= 70_000)
        #expect(cache.statistics.evictionCount > 0)
        #expect(cache.statistics.entryCount < 5)
    }

    @Test("many threads asking for one new prompt synthesize it once")
    func concurrentRequests() async throws {
        let (cache, calls) = Self.countingCache()
        let prompts = try await withThrowingTaskGroup(of: EncodedPrompt.self) { group in
            for _ in 0..<16 {
                group.addTask { try cache.prompt(key: "greeting", text: "Hello", codec: .g711(.aLaw)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(calls.withLock { $0 } == 1)
        #expect(Set(prompts).count == 1)
    }

    @Test("with flite, the cached PCM is the synthesizer's samples")
    func fliteRoundTrip() throws {
        let cache = PromptCache()
        let pcm = try cache.prompt(key: "hold", text: "Please hold.", codec: .pcm16)
        let samples = try PromptSynthesizer().synthesize("Please hold.")

        #expect(pcm.frameCount == samples.count)
        #expect(
            pcm.payload
                == .bytes(samples.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }))
    }
}

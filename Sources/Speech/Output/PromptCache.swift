import AudioCore

/// Fixed prompts, synthesized once and kept encoded for each codec a call asks for.
///
/// A fixed prompt's text depends only on the practice (see `Dialogue.Prompt.isFixed`), so every call to the
/// practice can play the same bytes. Entries are keyed by the prompt's key, its text, the engine and voice, and
/// the codec: a changed text or voice is a new entry, never a stale one. The 16 kHz samples are kept too, so a
/// second codec for the same prompt encodes without synthesizing again. Dynamic prompts (dates, names) should be
/// synthesized on demand with `PromptSynthesizer`, not cached.
///
/// The cache holds at most `maximumByteCount` bytes of samples and payloads; past that it drops the least
/// recently used entries, but never the one just made, so a single prompt larger than the budget is still
/// returned (and dropped by the next insertion).
///
/// Not real-time safe: control thread only. One lock guards the table and is held while a missing prompt is
/// synthesized and encoded, so two calls asking for the same new prompt synthesize it once; others wait meanwhile.
/// Synthesis never runs on the audio thread: fetch the prompt on the control side and hand its bytes over.
///
/// ```swift
/// let cache = PromptCache()
/// let greeting = try cache.prompt(key: "greeting", text: "Riverside Family Practice.", codec: .g711(.muLaw))
/// ```
public final class PromptCache: Sendable {
    /// Turns text into `PromptSynthesizer.sampleRate` mono samples with an engine.
    public typealias Synthesis = @Sendable (_ text: String, _ engine: SpeechEngine) throws -> [Int16]

    /// What the cache holds and has done, for logs and reports.
    public struct Statistics: Sendable, Hashable {
        /// Encoded prompts held.
        public var entryCount = 0
        /// Bytes of samples and payloads held.
        public var byteCount = 0
        /// Times the synthesis ran.
        public var synthesisCount = 0
        /// Requests answered from the cache.
        public var hitCount = 0
        /// Requests that encoded a new entry.
        public var missCount = 0
        /// Entries (encoded prompts or kept samples) dropped to stay within the budget.
        public var evictionCount = 0
    }

    /// The default budget: 32 MiB, about 15 minutes of 16 kHz PCM.
    public static let defaultMaximumByteCount = 32 << 20

    /// The most bytes the cache keeps.
    public let maximumByteCount: Int

    private let synthesis: Synthesis
    private let state = Locked(State())

    /// A cache with a byte budget and a synthesis, flite or espeak-ng through `PromptSynthesizer` unless told
    /// otherwise (tests inject one that counts its calls).
    public init(
        maximumByteCount: Int = PromptCache.defaultMaximumByteCount,
        synthesis: @escaping Synthesis = { text, engine in try PromptSynthesizer(engine: engine).synthesize(text) }
    ) {
        self.maximumByteCount = maximumByteCount
        self.synthesis = synthesis
    }

    /// The prompt `key` saying `text` with `engine`, encoded as `codec`: from the cache, or synthesized (at most
    /// once per key, text and engine) and encoded now.
    ///
    /// Not real-time safe: control thread only; locks, and may synthesize while holding the lock.
    ///
    /// - Complexity: O(1) on a hit; a miss costs the synthesis and encoding, plus O(*n*) in the entries held.
    /// - Throws: `PromptCacheError.synthesis` (empty text is `.synthesis(.emptyText)`) or `.encoding`.
    public func prompt(
        key: String, text: String, engine: SpeechEngine = .default, codec: PromptCodec
    ) throws(PromptCacheError) -> EncodedPrompt {
        try self.state.withLock { state throws(PromptCacheError) -> EncodedPrompt in
            state.clock += 1
            let sourceKey = SourceKey(promptKey: key, text: text, engine: engine)
            let entryKey = EntryKey(source: sourceKey, codec: codec)
            if let entry = state.entries[entryKey] {
                state.entries[entryKey]?.lastUse = state.clock
                state.statistics.hitCount += 1
                return entry.prompt
            }

            let samples = try self.samples(for: sourceKey, in: &state)
            let prompt: EncodedPrompt
            do {
                prompt = try PromptEncoder.encode(samples, as: codec)
            } catch {
                throw .encoding(codec: codec, reason: "\(error)")
            }

            state.entries[entryKey] = Entry(prompt: prompt, lastUse: state.clock)
            state.statistics.missCount += 1
            state.statistics.entryCount += 1
            state.statistics.byteCount += prompt.byteCount
            self.evict(in: &state, keeping: entryKey, sourceKey)
            return prompt
        }
    }

    /// What the cache holds and has done so far.
    ///
    /// Not real-time safe: control thread only; locks.
    public var statistics: Statistics {
        self.state.withLock { $0.statistics }
    }

    /// Drops every entry; the counters of work done are kept.
    ///
    /// Not real-time safe: control thread only; locks.
    public func removeAll() {
        self.state.withLock { state in
            state.entries.removeAll()
            state.samples.removeAll()
            state.statistics.entryCount = 0
            state.statistics.byteCount = 0
        }
    }

    /// The 16 kHz samples of a prompt, kept from an earlier codec or synthesized now; the caller holds the lock.
    private func samples(for key: SourceKey, in state: inout State) throws(PromptCacheError) -> [Int16] {
        if let kept = state.samples[key] {
            state.samples[key]?.lastUse = state.clock
            return kept.samples
        }
        guard key.text.contains(where: { !$0.isWhitespace }) else { throw .synthesis(.emptyText) }

        let samples: [Int16]
        do {
            state.statistics.synthesisCount += 1
            samples = try self.synthesis(key.text, key.engine)
        } catch let error as PromptSynthesisError {
            throw .synthesis(error)
        } catch {
            throw .synthesis(.noSamples(key.engine, text: key.text))
        }
        state.samples[key] = KeptSamples(samples: samples, lastUse: state.clock)
        state.statistics.byteCount += samples.count * MemoryLayout<Int16>.size
        return samples
    }

    /// Drops least recently used entries and samples until the cache fits its budget, never the two just used.
    ///
    /// - Complexity: O(*n*) per entry dropped, where *n* is the number of entries held.
    private func evict(in state: inout State, keeping entryKey: EntryKey, _ sourceKey: SourceKey) {
        while state.statistics.byteCount > self.maximumByteCount {
            let oldestEntry = state.entries.filter { $0.key != entryKey }.min { $0.value.lastUse < $1.value.lastUse }
            let oldestSamples = state.samples.filter { $0.key != sourceKey }.min { $0.value.lastUse < $1.value.lastUse }
            if let entry = oldestEntry, entry.value.lastUse <= (oldestSamples?.value.lastUse ?? .max) {
                state.entries[entry.key] = nil
                state.statistics.entryCount -= 1
                state.statistics.byteCount -= entry.value.prompt.byteCount
            } else if let kept = oldestSamples {
                state.samples[kept.key] = nil
                state.statistics.byteCount -= kept.value.samples.count * MemoryLayout<Int16>.size
            } else {
                return
            }
            state.statistics.evictionCount += 1
        }
    }

    /// A prompt before encoding.
    private struct SourceKey: Hashable {
        var promptKey: String
        var text: String
        var engine: SpeechEngine
    }

    /// A prompt encoded for one codec.
    private struct EntryKey: Hashable {
        var source: SourceKey
        var codec: PromptCodec
    }

    private struct Entry {
        var prompt: EncodedPrompt
        var lastUse: Int
    }

    private struct KeptSamples {
        var samples: [Int16]
        var lastUse: Int
    }

    /// Everything behind the lock.
    private struct State {
        var entries: [EntryKey: Entry] = [:]
        var samples: [SourceKey: KeptSamples] = [:]
        var statistics = Statistics()
        /// Counts requests; an entry's `lastUse` is the count when it was last returned.
        var clock = 0
    }
}

import AudioCore
import Dialogue
import Speech

/// The agent's prompts as the calls play them (16 kHz, -1…1, trimmed, through the line's codec and back), kept
/// once for every call on a server: a fixed prompt is decoded once, not at every call's start and every playing,
/// and a sentence made for one call ("Dr. Patel has Tuesday at 9:15") is synthesized once however many calls say
/// it.
///
/// The samples are made outside the lock, so a call synthesizing a new sentence never holds up another call's
/// lookup; two calls missing the same prompt at once both make it, and the second is dropped. When the kept
/// samples pass `maximumFrameCount`, the oldest go first.
///
/// Not real-time safe: locks. Call sides only, never an audio thread.
final class PromptSamplesCache: Sendable {
    struct Key: Hashable, Sendable {
        var prompt: Prompt
        var engine: SpeechEngine
        var line: LineCodec
    }

    private struct State {
        var samples: [Key: [Float]] = [:]
        /// Keys in the order they were kept, oldest first.
        var order: [Key] = []
        var frameCount = 0
        var hitCount = 0
        var missCount = 0
    }

    /// Frames kept at most: 30 minutes of prompts, 115 MB.
    static let defaultMaximumFrameCount = 30 * 60 * CallFrontEnd.sampleRate

    let maximumFrameCount: Int
    private let state = Locked(State())

    init(maximumFrameCount: Int = PromptSamplesCache.defaultMaximumFrameCount) {
        self.maximumFrameCount = maximumFrameCount
    }

    /// The samples for `key`, kept or made now by `make` (outside the lock) and kept.
    ///
    /// - Throws: what `make` throws.
    func samples(for key: Key, make: () throws(CallError) -> [Float]) throws(CallError) -> [Float] {
        let kept = self.state.withLock { state -> [Float]? in
            let samples = state.samples[key]
            if samples != nil { state.hitCount += 1 } else { state.missCount += 1 }
            return samples
        }
        if let kept { return kept }
        let made = try make()
        self.state.withLock { state in
            guard state.samples[key] == nil else { return }
            state.samples[key] = made
            state.order.append(key)
            state.frameCount += made.count
            while state.frameCount > self.maximumFrameCount, state.order.count > 1 {
                let oldest = state.order.removeFirst()
                state.frameCount -= state.samples.removeValue(forKey: oldest)?.count ?? 0
            }
        }
        return made
    }

    /// Lookups that found their prompt kept, and that had to make it.
    var counts: (hits: Int, misses: Int) { self.state.withLock { ($0.hitCount, $0.missCount) } }
}

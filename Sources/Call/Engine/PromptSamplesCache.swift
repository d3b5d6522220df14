import AudioCore
import Dialogue
import Foundation
import Speech

/// The agent's prompts as the calls play them (16 kHz, -1…1, trimmed, through the line's codec and back), kept
/// once for every call on a server: a fixed prompt is decoded once, not at every call's start and every playing,
/// and a sentence made for one call ("Dr. Patel has Tuesday at 9:15") is synthesized once however many calls say
/// it.
///
/// The samples are made outside the lock, so a call synthesizing a new sentence never holds up another call's
/// lookup of a different one. A call that misses a prompt another call is making waits for it instead of making it
/// again: synthesis is one at a time process-wide (flite and espeak-ng are not thread-safe), so calls that start
/// together and all miss "Am I speaking with Maria Lopez?" would otherwise make it once each, one after another,
/// with every call-side worker waiting in that queue (80 G.711 bench calls: 39 of 66 outcomes before, 68 of 102
/// after). When the kept samples pass `maximumFrameCount`, the
/// oldest go first.
///
/// `@unchecked Sendable`: `state` is read and written only while `condition` is locked.
///
/// Not real-time safe: locks, and waits for another call's synthesis. Call sides only, never an audio thread.
final class PromptSamplesCache: @unchecked Sendable {
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
        /// Prompts a call is making now; others wanting them wait.
        var making: Set<Key> = []
        var hitCount = 0
        var missCount = 0
        /// Lookups that waited for another call's making.
        var waitCount = 0
    }

    /// Frames kept at most: 30 minutes of prompts, 115 MB.
    static let defaultMaximumFrameCount = 30 * 60 * CallFrontEnd.sampleRate

    let maximumFrameCount: Int
    private let condition = NSCondition()
    private var state = State()

    init(maximumFrameCount: Int = PromptSamplesCache.defaultMaximumFrameCount) {
        self.maximumFrameCount = maximumFrameCount
    }

    /// The samples for `key`: kept, made by another call now (waited for), or made now by `make` (outside the lock)
    /// and kept.
    ///
    /// - Throws: what `make` throws; calls that waited for a making that failed then try to make it themselves.
    func samples(for key: Key, make: () throws(CallError) -> [Float]) throws(CallError) -> [Float] {
        self.condition.lock()
        var hasWaited = false
        while self.state.making.contains(key) {
            hasWaited = true
            self.condition.wait()
        }
        if hasWaited { self.state.waitCount += 1 }
        if let kept = self.state.samples[key] {
            self.state.hitCount += 1
            self.condition.unlock()
            return kept
        }
        self.state.missCount += 1
        self.state.making.insert(key)
        self.condition.unlock()

        let made: [Float]
        do {
            made = try make()
        } catch {
            self.finishMaking(key, made: nil)
            throw error
        }
        self.finishMaking(key, made: made)
        return made
    }

    /// Keeps what was made (when it was), and wakes the calls waiting for it.
    private func finishMaking(_ key: Key, made: [Float]?) {
        self.condition.lock()
        defer {
            self.condition.broadcast()
            self.condition.unlock()
        }
        self.state.making.remove(key)
        guard let made else { return }
        self.state.samples[key] = made
        self.state.order.append(key)
        self.state.frameCount += made.count
        while self.state.frameCount > self.maximumFrameCount, self.state.order.count > 1 {
            let oldest = self.state.order.removeFirst()
            self.state.frameCount -= self.state.samples.removeValue(forKey: oldest)?.count ?? 0
        }
    }

    /// Lookups that found their prompt kept (after waiting for it, or not), that had to make it, and that waited.
    var counts: (hits: Int, misses: Int, waits: Int) {
        self.condition.lock()
        defer { self.condition.unlock() }
        return (self.state.hitCount, self.state.missCount, self.state.waitCount)
    }
}

import Synchronization

/// What a detector has seen, readable from the control side while the audio thread runs it.
///
/// The detector stores with relaxed ordering: each counter is a statistic on its own, and no other memory is
/// published through it, so a reader may see one counter a block ahead of another.
///
/// Real-time safe: no locks, no allocation. Any thread.
public final class VoiceActivityCounters: Sendable {
    private let blocks = Atomic<Int>(0)
    private let speechBlocks = Atomic<Int>(0)
    private let onsets = Atomic<Int>(0)

    /// Makes zeroed counters.
    public init() {}

    /// Blocks processed.
    public var blockCount: Int { self.blocks.load(ordering: .relaxed) }

    /// Blocks decided as speech.
    public var speechBlockCount: Int { self.speechBlocks.load(ordering: .relaxed) }

    /// Changes from non-speech to speech.
    public var onsetCount: Int { self.onsets.load(ordering: .relaxed) }

    func record(isSpeech: Bool, isOnset: Bool) {
        self.blocks.add(1, ordering: .relaxed)
        if isSpeech { self.speechBlocks.add(1, ordering: .relaxed) }
        if isOnset { self.onsets.add(1, ordering: .relaxed) }
    }

    func reset() {
        self.blocks.store(0, ordering: .relaxed)
        self.speechBlocks.store(0, ordering: .relaxed)
        self.onsets.store(0, ordering: .relaxed)
    }
}

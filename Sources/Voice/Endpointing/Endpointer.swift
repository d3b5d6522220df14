import AudioCore

/// Turns per-block voice activity into turn events: speech started, speech ended (end of turn).
///
/// A value-type state machine with three states. *Idle*: no turn; a speech block makes it a *candidate*. A
/// candidate whose speech lasts `minimumSpeech` without a break becomes a *turn* and emits `speechStarted`; a
/// non-speech block before that drops it (a click). In a turn, non-speech counts up from the end of the last speech
/// block and ends the turn at `trailingSilence`; speech before that resets the count, so a shorter pause keeps the
/// turn. A turn that reaches `maximumTurn` ends at once.
///
/// ```swift
/// var endpointer = Endpointer(configuration: .init(), sampleRate: 16000)
/// if let event = endpointer.process(isSpeech: activity.isSpeech, sampleTime: time, frameCount: 160) { … }
/// ```
///
/// Real-time safe: no locks, no allocation; a plain value with no references.
public struct Endpointer: Sendable {
    /// The thresholds.
    public let configuration: EndpointerConfiguration

    /// Frames per second of the sample times.
    public let sampleRate: Int

    private let minimumSpeechFrameCount: Int64
    private var trailingSilenceFrameCount: Int64
    private let maximumTurnFrameCount: Int64
    private var state = State.idle

    private enum State: Sendable {
        case idle
        case candidate(start: Int64)
        case turn(start: Int64, lastSpeechEnd: Int64)
    }

    /// Makes an idle endpointer.
    ///
    /// - Parameters:
    ///   - configuration: The thresholds.
    ///   - sampleRate: The rate sample times count in.
    public init(configuration: EndpointerConfiguration = EndpointerConfiguration(), sampleRate: Int) {
        self.configuration = configuration
        self.sampleRate = sampleRate
        self.minimumSpeechFrameCount = configuration.minimumSpeech.frameCount(sampleRate: sampleRate)
        self.trailingSilenceFrameCount = configuration.trailingSilence.frameCount(sampleRate: sampleRate)
        self.maximumTurnFrameCount = configuration.maximumTurn.frameCount(sampleRate: sampleRate)
    }

    /// The trailing silence that ends a turn now: the configuration's, or what `setTrailingSilence(_:)` set.
    public var trailingSilence: Duration {
        .seconds(Double(self.trailingSilenceFrameCount) / Double(self.sampleRate))
    }

    /// Changes the trailing silence that ends a turn, from the next block on (a turn under way included): longer
    /// for an answer people pause in, such as a message.
    ///
    /// Real-time safe: no locks, no allocation.
    public mutating func setTrailingSilence(_ trailingSilence: Duration) {
        self.trailingSilenceFrameCount = trailingSilence.frameCount(sampleRate: self.sampleRate)
    }

    /// Whether a turn is under way.
    public var isInTurn: Bool {
        if case .turn = self.state { return true }
        return false
    }

    /// Where the turn under way started (its first speech block's first frame), or `nil` outside a turn.
    public var turnStartSampleTime: Int64? {
        if case .turn(let start, _) = self.state { return start }
        return nil
    }

    /// Feeds one block's decision.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - isSpeech: The detector's decision for the block.
    ///   - sampleTime: The block's first frame, counted from the start of the call.
    ///   - frameCount: Frames in the block.
    /// - Returns: The event this block causes, if any.
    /// - Complexity: O(1).
    public mutating func process(isSpeech: Bool, sampleTime: Int64, frameCount: Int) -> TurnEvent? {
        let blockEnd = sampleTime + Int64(frameCount)
        switch self.state {
        case .idle:
            guard isSpeech else { return nil }
            self.state = .candidate(start: sampleTime)
            return self.confirmIfLongEnough(start: sampleTime, blockEnd: blockEnd)

        case .candidate(let start):
            guard isSpeech else {
                self.state = .idle
                return nil
            }
            return self.confirmIfLongEnough(start: start, blockEnd: blockEnd)

        case .turn(let start, let lastSpeechEnd):
            let speechEnd = isSpeech ? blockEnd : lastSpeechEnd
            if blockEnd - start >= self.maximumTurnFrameCount {
                self.state = .idle
                return .speechEnded(endSampleTime: speechEnd, detectedSampleTime: blockEnd, reason: .maximumLength)
            }
            if !isSpeech && blockEnd - lastSpeechEnd >= self.trailingSilenceFrameCount {
                self.state = .idle
                return .speechEnded(endSampleTime: lastSpeechEnd, detectedSampleTime: blockEnd, reason: .silence)
            }
            self.state = .turn(start: start, lastSpeechEnd: speechEnd)
            return nil
        }
    }

    /// Feeds one block's detector result; see `process(isSpeech:sampleTime:frameCount:)`.
    ///
    /// Real-time safe: no locks, no allocation.
    public mutating func process(_ activity: VoiceActivity, sampleTime: Int64, frameCount: Int) -> TurnEvent? {
        self.process(isSpeech: activity.isSpeech, sampleTime: sampleTime, frameCount: frameCount)
    }

    /// Returns to idle, dropping any turn under way without an event.
    ///
    /// Real-time safe: no locks, no allocation.
    public mutating func reset() {
        self.state = .idle
    }

    private mutating func confirmIfLongEnough(start: Int64, blockEnd: Int64) -> TurnEvent? {
        guard blockEnd - start >= self.minimumSpeechFrameCount else { return nil }
        self.state = .turn(start: start, lastSpeechEnd: blockEnd)
        return .speechStarted(startSampleTime: start, detectedSampleTime: blockEnd)
    }
}

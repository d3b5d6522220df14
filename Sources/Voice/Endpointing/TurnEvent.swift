/// A change in whether the caller holds the turn, with sample times counted from the start of the call.
///
/// Real-time safe: a plain value.
public enum TurnEvent: Hashable, Sendable, BitwiseCopyable {
    /// The caller started talking.
    ///
    /// - `startSampleTime`: the first frame of the speech that started the turn.
    /// - `detectedSampleTime`: the frame after the block that confirmed it (start plus `minimumSpeech` or more).
    case speechStarted(startSampleTime: Int64, detectedSampleTime: Int64)

    /// The caller's turn ended.
    ///
    /// - `endSampleTime`: the frame after the last speech block of the turn.
    /// - `detectedSampleTime`: the frame after the block that ended it.
    /// - `reason`: why it ended.
    case speechEnded(endSampleTime: Int64, detectedSampleTime: Int64, reason: TurnEndReason)

    /// The frame at which the event was known.
    public var detectedSampleTime: Int64 {
        switch self {
        case .speechStarted(_, let detected): return detected
        case .speechEnded(_, let detected, _): return detected
        }
    }
}

/// Why a turn ended.
public enum TurnEndReason: Hashable, Sendable, BitwiseCopyable {
    /// Non-speech lasted the trailing-silence threshold.
    case silence
    /// The turn reached the maximum turn length.
    case maximumLength
}

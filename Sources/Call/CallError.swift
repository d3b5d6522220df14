/// Why a call could not run.
public enum CallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The front end (webrtc, the voice-activity detector, barge-in) could not be made.
    case frontEnd(String)
    /// The recognizer could not be made or failed.
    case recognition(String)
    /// A prompt could not be synthesized.
    case speech(String)
    /// The schedule store failed.
    case schedule(String)
    /// A caller recording could not be read.
    case audio(path: String, reason: String)
    /// The agent's audio or transcript could not be written.
    case output(path: String, reason: String)
    /// A desk script or a scenario it names could not be read.
    case script(path: String, reason: String)

    public var description: String {
        switch self {
        case .frontEnd(let reason): "the call's audio front end failed: \(reason)"
        case .recognition(let reason): "recognition failed: \(reason)"
        case .speech(let reason): "speech output failed: \(reason)"
        case .schedule(let reason): "the schedule failed: \(reason)"
        case .audio(let path, let reason): "\(path): \(reason)"
        case .output(let path, let reason): "cannot write \(path): \(reason)"
        case .script(let path, let reason): "\(path): \(reason)"
        }
    }
}

import Voice

/// What a live call's audio thread tells its call thread about one block: the block's samples, what the front end
/// found in it, and how far the agent's audio has played.
///
/// Plain bits, so it moves through an `SPSCRingBuffer` without allocation or reference counting.
struct LiveBlockReport: BitwiseCopyable {
    /// Where the block starts, in frames from the start of the call.
    var sampleTime: Int64
    /// The caller's line in the block (-1…1), `CallFrontEnd.blockFrameCount` frames.
    var samples: InlineArray<160, Float>
    /// The agent's audio the block played (zeros when it was silent): the echo canceller's reference.
    var playback: InlineArray<160, Float>
    var events: CallFrontEnd.BlockEvents
    /// Frames of the agent's audio the audio thread has taken from the agent ring by the end of the block: played,
    /// or dropped when the call side stopped the agent.
    var consumedAgentFrameCount: Int64
    /// Frames of the agent's audio the block played (0 when the agent was silent).
    var soundedAgentFrameCount: Int
    /// The endpointer is inside a caller turn at the end of the block.
    var isInTurn: Bool
    /// The barge-in detector has found the echo of the agent's voice.
    var isEchoFound: Bool
    /// A call-progress tone has been heard long enough to mean the caller has hung up.
    var lineTone: LineTone?
    /// Keys the caller pressed or their hanging up, from a packet call's signalling.
    var lineEvent: LiveLineEvent?
}

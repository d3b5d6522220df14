import Synchronization

/// What a live call's call thread tells its audio thread, as atomics the audio thread reads once per block.
final class LiveCallControls: Sendable {
    /// Drop the agent's audio up to this many frames from the start of the call's agent stream: the call side
    /// stopped the agent (a barge-in, an urgent turn) and what it had already put in the ring must not play.
    let discardAgentFramesUpTo = Atomic<Int64>(0)

    /// The endpointer's trailing silence in milliseconds; 0 for its configured one.
    let trailingSilenceMilliseconds = Atomic<Int>(0)

    /// The call is over: the audio thread stops.
    let isFinished = Atomic<Bool>(false)

    /// Staff took the call over: the agent is silent from the next block, and the call side ends the call.
    let isTakenOver = Atomic<Bool>(false)

    /// Block reports the audio thread dropped because the call side had not read the ring in time.
    let droppedReportCount = Atomic<Int>(0)
}

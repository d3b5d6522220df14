import Foundation

/// One turn of a replayed call, as the transcript shows it.
public struct ReplayTurn: Sendable, Equatable {
    public enum Speaker: String, Sendable {
        case agent, caller
    }

    public var speaker: Speaker
    /// What was said: the prompt's text, or what the recognizer heard (empty when it heard nothing usable).
    public var text: String
    /// When it started, in seconds from the start of the call.
    public var startSeconds: Double
    /// The prompt key for the agent; the question answered for the caller.
    public var label: String
    /// The recognizer's confidence in a caller's turn, 0 to 1; `nil` for the agent and where none is measured.
    public var confidence: Double? = nil
}

/// A booked or moved appointment, as the replay found it in the schedule.
public struct ReplayAppointment: Sendable, Equatable {
    public var doctor: String
    public var start: Date
}

/// What a replayed call came to, and whether that is what its scenario expects.
public struct ReplayResult: Sendable {
    public var id: String
    /// The request's intent (`Intent` raw value), `nil` when no request was understood.
    public var intent: String?
    public var isUrgent: Bool
    /// One of `ScenarioExpectation.outcomes`.
    public var outcome: String
    public var isTransferred: Bool
    /// Why, when transferred (`TransferReason` raw value).
    public var transferReason: String?
    public var appointment: ReplayAppointment?
    /// The appointment the call cancelled or moved away from, if it did.
    public var changedAppointment: ReplayAppointment? = nil
    public var turns: [ReplayTurn]
    /// End of the caller's speech to the agent's first audio, per answered turn.
    public var turnLatenciesMilliseconds: [Double]
    /// The part of each turn's latency spent finding the end of the turn: end of speech to end of turn.
    public var endOfTurnMilliseconds: [Double]
    /// The part spent working out the answer: end of turn to its first prompt ready (wall clock).
    public var responseWorkMilliseconds: [Double]
    /// Caller onset to the agent's audio stopping, per barge-in.
    public var bargeInStopMilliseconds: [Double]
    /// The call's length on its own clock.
    public var callSeconds: Double
    /// What the call side did, in order: prompts spoken, schedule actions and their answers, spotter firings.
    public var actions: [String]
    /// Where the agent's audio, the two-channel call and the transcript were written.
    public var outputFolder: URL?
    /// What the caller's line carried (`LineCodec` raw value).
    public var line = LineCodec.linear16.rawValue
    /// Each way the call differs from its scenario's `expect`; empty when it passed.
    public var mismatches: [String]

    public var hasPassed: Bool { self.mismatches.isEmpty }
}

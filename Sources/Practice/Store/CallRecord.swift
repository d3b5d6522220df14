import Foundation

/// What happened on one call, for the report and for staff.
public struct CallRecord: Sendable, Equatable {
    /// The call's id, the same one its slot holds carry.
    public var id: String

    /// The caller's number, when the line gave one.
    public var callerNumber: String?

    /// When the call was answered.
    public var startedAt: Date

    /// When it ended; `nil` while it is still going.
    public var endedAt: Date?

    /// What the caller wanted (`book`, `cancel`, `hours`), once known.
    public var intent: String?

    /// How it ended (`booked`, `transferred`, `message_taken`), once known.
    public var outcome: String?

    /// The conversation as text, one turn per line.
    public var transcript: String

    /// What the agent did (`book Dr. Lee 2026-12-09T15:00:00Z`), in order; stored as a JSON array.
    public var actions: [String]

    /// Each turn's latency from the end of the caller's speech to the first agent audio, in milliseconds; stored
    /// as a JSON array.
    public var turnLatencyMilliseconds: [Double]

    public init(
        id: String, callerNumber: String? = nil, startedAt: Date, endedAt: Date? = nil, intent: String? = nil,
        outcome: String? = nil, transcript: String = "", actions: [String] = [], turnLatencyMilliseconds: [Double] = []
    ) {
        self.id = id
        self.callerNumber = callerNumber
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.intent = intent
        self.outcome = outcome
        self.transcript = transcript
        self.actions = actions
        self.turnLatencyMilliseconds = turnLatencyMilliseconds
    }
}

/// What the desk box is doing, as the live view shows it.
public struct DeskStatus: Sendable {
    public enum Mode: String, Sendable {
        case idle, inCall = "in call", staff = "staff"
    }

    public var mode: Mode
    /// The line's last block, in and out, in dBFS.
    public var inputLevel: Float
    public var outputLevel: Float
    /// Voice activity on the line now (idle: the answer detector's; in a call: the endpointer's turn).
    public var isSpeech: Bool
    public var captureXruns: Int
    public var playbackXruns: Int
    /// Times a device went away and was opened again.
    public var reopenCount: Int
    /// The longest and mean time one block took on the audio thread, in milliseconds.
    public var longestBlockMilliseconds: Double
    public var meanBlockMilliseconds: Double
    /// Seconds the line has run.
    public var seconds: Double
    /// The call on the line, if one is.
    public var call: DeskCallStatus?
    /// Calls finished since the box started, oldest first.
    public var finishedCalls: [ReplayResult]
    /// What the box last reported going wrong (a device lost and reopened), if anything.
    public var lastProblem: String?

    public init(
        mode: Mode, inputLevel: Float, outputLevel: Float, isSpeech: Bool, captureXruns: Int, playbackXruns: Int,
        reopenCount: Int, longestBlockMilliseconds: Double, meanBlockMilliseconds: Double, seconds: Double,
        call: DeskCallStatus?, finishedCalls: [ReplayResult], lastProblem: String?
    ) {
        self.mode = mode
        self.inputLevel = inputLevel
        self.outputLevel = outputLevel
        self.isSpeech = isSpeech
        self.captureXruns = captureXruns
        self.playbackXruns = playbackXruns
        self.reopenCount = reopenCount
        self.longestBlockMilliseconds = longestBlockMilliseconds
        self.meanBlockMilliseconds = meanBlockMilliseconds
        self.seconds = seconds
        self.call = call
        self.finishedCalls = finishedCalls
        self.lastProblem = lastProblem
    }
}

/// The call on the line, for the live view.
public struct DeskCallStatus: Sendable {
    public var id: String
    /// What the caller last said, as heard.
    public var heard: String
    /// The agent's last prompt.
    public var said: String
    public var intent: String?
    public var isUrgent: Bool
    /// The question the dialogue waits on (`AnswerSlot`), if any.
    public var awaiting: String?
    public var isInTurn: Bool

    public init(
        id: String, heard: String, said: String, intent: String?, isUrgent: Bool, awaiting: String?, isInTurn: Bool
    ) {
        self.id = id
        self.heard = heard
        self.said = said
        self.intent = intent
        self.isUrgent = isUrgent
        self.awaiting = awaiting
        self.isInTurn = isInTurn
    }
}

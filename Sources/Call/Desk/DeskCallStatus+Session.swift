extension DeskCallStatus {
    /// The call's state as its call side has it. Call thread only.
    init(_ session: CallSession, line: LiveCallLine) {
        self.init(
            id: session.callID,
            heard: session.turns.last { $0.speaker == .caller }?.text ?? "",
            said: session.turns.last { $0.speaker == .agent }?.text ?? "",
            intent: session.dialogue.callIntent?.rawValue, isUrgent: session.isUrgent,
            awaiting: session.dialogue.awaitedAnswer?.rawValue, isInTurn: line.isInTurn)
    }
}

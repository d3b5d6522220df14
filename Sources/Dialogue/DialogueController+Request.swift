import Understanding

/// The caller's request and the answers that need no schedule: hours, address, doctors, messages, closing.
extension DialogueController {
    /// Words that, in a turn with no other intent, ask which doctors the practice has.
    static let doctorListWords: Set<Substring> = ["doctors", "physicians", "doctor's"]

    /// Handles a non-urgent turn that answers `question`.
    mutating func answer(_ question: Question, with turn: TurnResult) -> [DialogueAction] {
        if turn.intent == .human, turn.confidence >= Self.confidenceThreshold {
            return self.transfer(.callerAsked)
        }

        switch question {
        case .request:
            return self.route(turn, question: question)
        case .anythingElse:
            if turn.slots.answer == .no, !self.isConfidentRequest(turn) { return self.close(self.prompts.goodbye) }
            if turn.slots.answer == .yes, !self.isConfidentRequest(turn) {
                return self.ask(.request, self.prompts.whatElse)
            }
            return self.route(turn, question: question)
        case .doctor:
            return self.answerDoctor(turn)
        case .time:
            return self.answerTime(turn)
        case .confirmation(let slot):
            return self.confirm(slot, answer: turn.slots.answer)
        case .message:
            guard !turn.text.allSatisfy(\.isWhitespace) else { return self.fail(question) }
            return self.ask(.anythingElse, self.prompts.messageThanks, self.prompts.anythingElse)
        }
    }

    /// Keypad input: 0 asks for staff anywhere; 1 and 2 answer a yes/no question. Other digits are ignored.
    mutating func keypad(_ digits: String, question: Question) -> [DialogueAction] {
        if digits == "0" { return self.transfer(.callerAsked) }
        guard case .confirmation(let slot) = question else { return [] }
        switch digits {
        case "1": return self.confirm(slot, answer: .yes)
        case "2": return self.confirm(slot, answer: .no)
        default: return []
        }
    }

    func isConfidentRequest(_ turn: TurnResult) -> Bool {
        turn.intent != .other && turn.confidence >= Self.confidenceThreshold
    }

    /// Sends a request to its flow, or reprompts when it is too weak to act on.
    mutating func route(_ turn: TurnResult, question: Question) -> [DialogueAction] {
        guard self.isConfidentRequest(turn) else {
            let words = turn.text.lowercased().split { !$0.isLetter && $0 != "'" }
            if words.contains(where: { Self.doctorListWords.contains($0) }) {
                return self.ask(.anythingElse, self.prompts.doctors, self.prompts.anythingElse)
            }
            return self.fail(question)
        }

        switch turn.intent {
        case .book:
            return self.startBooking(turn.slots)
        case .hours:
            return self.ask(.anythingElse, self.prompts.hours(now: self.callStart), self.prompts.anythingElse)
        case .address:
            return self.ask(.anythingElse, self.prompts.address, self.prompts.anythingElse)
        case .human:
            return self.transfer(.callerAsked)
        case .prescription:
            return self.takeMessage(.prescription)
        case .results:
            return self.takeMessage(.results)
        case .cancel:
            // TODO: cancelling needs the patient identified and their appointments read; until then the caller
            // leaves a message and waits for a call back.
            return self.takeMessage(.cancel)
        case .reschedule:
            // TODO: as for cancel: a message, not a new time, until patients are identified.
            return self.takeMessage(.reschedule)
        case .emergency:
            return self.escalateUrgent()
        case .other:
            return self.fail(question)
        }
    }

    /// Explain, then record the caller's next turn as the message.
    mutating func takeMessage(_ topic: MessageTopic) -> [DialogueAction] {
        let question = Question.message(topic)
        self.failureCount = 0
        self.stage = .asking(question)
        self.isSpeaking = true
        return [.speak(self.prompts.message(topic)), .takeMessage(topic: topic), .listen(context: question.context)]
    }
}

import Understanding

/// Answers the recognizer was unsure of: the agent reads them back and acts on them only after a yes.
extension DialogueController {
    /// Handles an uncertain turn (`TurnResult.isUncertain`) that answers `question`: reads back what it holds and
    /// asks whether that is right, or counts it as a failed answer when it holds nothing the question asks for
    /// (or only a yes or no, which a read-back cannot check).
    mutating func checkHeard(_ question: Question, _ turn: TurnResult) -> [DialogueAction] {
        guard let readBack = self.readBack(question, turn) else { return self.fail(question) }
        var certain = turn
        certain.isUncertain = false
        self.stage = .asking(.heard(question, certain, failureCount: self.failureCount))
        self.isSpeaking = true
        return [.speak(readBack), .listen(context: .yesNo)]
    }

    /// The caller's answer to a read-back: a yes carries out the answer heard; a no, or anything unclear, counts
    /// as a failed answer to the question it was for, which is asked again (and goes to staff in the end, as
    /// always). A caller who answers the question again instead ("Thursday afternoon") is heard as answering it.
    mutating func answerHeard(
        _ question: Question, heard: TurnResult, failureCount: Int, answer: YesNo?, turn: TurnResult?
    ) -> [DialogueAction] {
        self.stage = .asking(question)
        self.failureCount = failureCount
        switch answer {
        case .yes:
            return self.answer(question, with: heard)
        case .no:
            return self.fail(question)
        case nil:
            if let turn, !turn.isUncertain, self.readBack(question, turn) != nil {
                return self.answer(question, with: turn)
            }
            return self.fail(question)
        }
    }

    /// What the agent says to check an uncertain answer to `question`, or `nil` when the turn holds nothing to
    /// check.
    func readBack(_ question: Question, _ turn: TurnResult) -> Prompt? {
        switch question {
        case .request, .anythingElse:
            if question == .anythingElse, turn.slots.answer == .no, !self.isConfidentRequest(turn) {
                return self.prompts.heard("no, that's all")
            }
            guard self.isConfidentRequest(turn), turn.intent != .emergency else { return nil }
            return self.prompts.heardIntent(turn.intent)
        case .doctor:
            if let doctor = turn.slots.doctor { return self.prompts.heard(doctor) }
            return Self.says(turn, anyOf: Self.anyDoctorWords) ? self.prompts.heard("any doctor") : nil
        case .time:
            guard turn.slots.day != nil || turn.slots.time != nil else { return nil }
            return self.prompts.heard(turn.text)
        case .name:
            guard let name = turn.slots.patientName ?? SpokenName.read(turn.text) else { return nil }
            return self.prompts.heard(name)
        case .dateOfBirth:
            guard let birth = turn.slots.dateOfBirth else { return nil }
            return self.prompts.heard(SpokenTime.birthday(birth))
        case .callbackNumber:
            guard let number = turn.slots.phoneNumber else { return nil }
            return self.prompts.heard(number.map(String.init).joined(separator: " "))
        case .confirmation, .isPatient, .appointment, .newPatient, .message, .heard:
            return nil
        }
    }
}

extension DialoguePrompts {
    /// `I think you said Thursday afternoon. Is that right?`
    func heard(_ words: String) -> Prompt {
        self.dynamic("heard", "I think you said \(words). Is that right?")
    }

    /// `Just to check: you'd like to book an appointment. Is that right?`
    func heardIntent(_ intent: Intent) -> Prompt {
        let request: String
        switch intent {
        case .book: request = "you'd like to book an appointment"
        case .cancel: request = "you'd like to cancel an appointment"
        case .reschedule: request = "you'd like to move an appointment"
        case .prescription: request = "you're calling about a prescription"
        case .results: request = "you're calling about test results"
        case .hours: request = "you'd like our opening hours"
        case .address: request = "you'd like our address"
        case .human: request = "you'd like to speak to someone"
        case .emergency: request = "this is an emergency"
        case .other: request = "you'd like to leave a message"
        }
        return self.fixed("heard.intent.\(intent.rawValue)", "Just to check: \(request). Is that right?")
    }
}

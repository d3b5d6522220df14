import Understanding

/// The caller's request and the answers that need no schedule: hours, address, doctors, messages, closing.
extension DialogueController {
    /// Words that, in a turn with no other intent, ask which doctors the practice has.
    static let doctorListWords: Set<Substring> = ["doctors", "physicians", "doctor's"]

    /// Handles a non-urgent turn that answers `question`.
    mutating func answer(_ question: Question, with turn: TurnResult) -> [DialogueAction] {
        if turn.isUncertain, !question.isReadBack { return self.checkHeard(question, turn) }
        if turn.intent == .human, turn.confidence >= Self.confidenceThreshold {
            if self.firstIntent == nil { self.firstIntent = .human }
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
            // After hours the caller's first words are the message: what it asks for is the call's intent.
            if self.firstIntent == nil, self.isConfidentRequest(turn) { self.firstIntent = turn.intent }
            self.progress.done.insert(.messageTaken)
            return self.ask(.anythingElse, self.prompts.messageThanks, self.prompts.anythingElse)
        case .isPatient(let patient):
            return self.confirmPatient(patient, answer: turn.slots.answer)
        case .newPatient(let newPatient):
            return self.confirmRegistration(newPatient, answer: turn.slots.answer)
        case .name:
            return self.answerName(turn)
        case .dateOfBirth:
            return self.answerDateOfBirth(turn)
        case .callbackNumber:
            return self.answerCallbackNumber(turn)
        case .appointment(let appointment):
            return self.chooseAppointment(appointment, answer: turn.slots.answer)
        case .heard(let original, let heard, let failureCount):
            let answer = turn.isUncertain ? nil : turn.slots.answer
            return self.answerHeard(original, heard: heard, failureCount: failureCount, answer: answer, turn: turn)
        }
    }

    /// A yes or a no to a yes/no question, spoken or keyed (1 and 2); `nil` for an unclear answer.
    mutating func answerYesNo(_ question: Question, _ answer: YesNo?) -> [DialogueAction]? {
        switch question {
        case .confirmation(let slot): return self.confirm(slot, answer: answer)
        case .isPatient(let patient): return self.confirmPatient(patient, answer: answer)
        case .newPatient(let newPatient): return self.confirmRegistration(newPatient, answer: answer)
        case .appointment(let appointment): return self.chooseAppointment(appointment, answer: answer)
        case .heard(let original, let heard, let failureCount):
            return self.answerHeard(original, heard: heard, failureCount: failureCount, answer: answer, turn: nil)
        default: return nil
        }
    }

    /// Keypad input: 0 asks for staff anywhere; 1 and 2 answer a yes/no question; a date of birth or a callback
    /// number may be keyed (a trailing hash key is dropped). Other digits, and a hash key alone, are ignored.
    mutating func keypad(_ keys: String, question: Question) -> [DialogueAction] {
        let digits = keys.hasSuffix("#") ? String(keys.dropLast()) : keys
        guard !digits.isEmpty else { return [] }
        if digits == "0" { return self.transfer(.callerAsked) }
        switch question {
        case .dateOfBirth: return self.keyedDateOfBirth(digits)
        case .callbackNumber: return self.keyedCallbackNumber(digits)
        default: break
        }
        switch digits {
        case "1": return self.answerYesNo(question, .yes) ?? []
        case "2": return self.answerYesNo(question, .no) ?? []
        default: return []
        }
    }

    func isConfidentRequest(_ turn: TurnResult) -> Bool {
        turn.isRequest && turn.confidence >= Self.confidenceThreshold
    }

    /// Sends a request to its flow, or reprompts when it is too weak to act on.
    mutating func route(_ turn: TurnResult, question: Question) -> [DialogueAction] {
        guard self.isConfidentRequest(turn) else {
            let words = turn.text.lowercased().split { !$0.isLetter && $0 != "'" }
            if words.contains(where: { Self.doctorListWords.contains($0) }) {
                self.progress.done.insert(.answered)
                return self.ask(.anythingElse, self.prompts.doctors, self.prompts.anythingElse)
            }
            return self.fail(question)
        }
        if self.firstIntent == nil { self.firstIntent = turn.intent }

        switch turn.intent {
        case .book:
            return self.identify(for: .book(turn.slots))
        case .hours:
            self.progress.done.insert(.answered)
            return self.ask(.anythingElse, self.prompts.hours(now: self.callStart), self.prompts.anythingElse)
        case .address:
            self.progress.done.insert(.answered)
            return self.ask(.anythingElse, self.prompts.address, self.prompts.anythingElse)
        case .human:
            return self.transfer(.callerAsked)
        case .prescription:
            return self.identify(for: .message(.prescription))
        case .results:
            return self.identify(for: .message(.results))
        case .cancel:
            return self.identify(for: .cancel)
        case .reschedule:
            return self.identify(for: .reschedule(turn.slots))
        case .emergency:
            return self.escalateUrgent()
        case .other:
            // A bill, a form, a message for someone: the team is told and calls back.
            return self.identify(for: .message(.general))
        }
    }

    /// Explain, then record the caller's next turn as the message; a caller with no known number is first asked
    /// for one to be called back on.
    mutating func takeMessage(_ topic: MessageTopic, after preface: [Prompt] = []) -> [DialogueAction] {
        if self.callerNumber == nil, self.callbackNumber == nil {
            self.errand = .message(topic)
            return self.ask(.callbackNumber, preface + [self.prompts.askCallbackNumber])
        }

        let question = Question.message(topic)
        self.failureCount = 0
        self.isKeypadEntry = false
        self.stage = .asking(question)
        self.isSpeaking = true
        let prompt = self.prompts.message(topic, isIdentified: self.patient != nil, isAfterHours: self.isAfterHours)
        let record = DialogueAction.takeMessage(
            topic: topic, patient: self.patient, callbackNumber: self.callbackNumber ?? self.callerNumber)
        return (preface + [prompt]).map { .speak($0) } + [record, .listen(context: question.context)]
    }
}

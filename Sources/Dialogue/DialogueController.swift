import Foundation
import Practice
import Understanding

/// The dialogue of one call: a value-type state machine that turns call events into actions.
///
/// It does no I/O, reads no clock and draws no random numbers: `now` comes with `callStarted`, the schedule and the
/// patient records are reached through actions (`findSlots`, `book`, `findPatient`, `registerPatient`,
/// `findAppointments`, `cancel`, `reschedule`) each answered by one event, and every answer comes from the
/// practice configuration. Feed it every event of the call in order and perform the actions it returns in order;
/// while a store action is pending, the controller waits for its answer and ignores answers it did not ask for.
///
/// The flows: booking, cancelling, moving an appointment and prescription or results messages first identify the
/// caller (the caller number's patients, else name and date of birth; a caller not found is registered), once per
/// call. A date of birth or a callback number that two reprompts do not get is offered as keypad entry before the
/// call goes to staff. A call that starts while the practice is closed follows `practice.afterHours`.
///
/// Urgency wins over everything: a turn flagged urgent in any state stops the agent's audio, gives the safety
/// instruction and transfers the call to staff; nothing is booked or asked after it.
///
/// Not real-time safe: allocates. Dialogue side, one event at a time.
public struct DialogueController: Sendable {
    /// Where the call is.
    enum Stage: Sendable, Equatable {
        /// Before `callStarted`.
        case notStarted
        /// A question is pending.
        case asking(Question)
        /// `findSlots` was sent; waiting for `offer`.
        case findingSlots
        /// `book` was sent for this slot; waiting for `bookingFinished`.
        case booking(SlotOffer)
        /// `findPatient` was sent; waiting for `patientsFound`.
        case findingPatient(PatientQuery)
        /// `registerPatient` was sent; waiting for `patientRegistered`.
        case registeringPatient
        /// `findAppointments` was sent; waiting for `appointmentsFound`.
        case findingAppointments
        /// `cancel` was sent for this appointment; waiting for `cancellationFinished`.
        case cancelling(AppointmentSummary)
        /// `reschedule` was sent for this slot; waiting for `rescheduleFinished`.
        case rescheduling(SlotOffer)
        /// The goodbye is playing; the call ends when it finishes.
        case closing
        /// Transferred or hung up: every later event is ignored.
        case ended
    }

    /// The question the caller is answering.
    enum Question: Sendable, Equatable {
        case request
        case doctor
        case time
        case confirmation(SlotOffer)
        case anythingElse
        case message(MessageTopic)
        /// "Am I speaking with …?" after the caller number matched this patient.
        case isPatient(PatientSummary)
        case name
        case dateOfBirth
        case callbackNumber
        /// "Shall I cancel it?" or "Is that the one to move?", as the errand says.
        case appointment(AppointmentSummary)
        /// "I can't find you in our records. Shall I register you as a new patient, …, born …?"
        case newPatient(NewPatient)
        /// "I think you said … Is that right?": an answer to the question heard with little confidence, kept until
        /// the caller says yes, with the question's failure count to go back to.
        indirect case heard(Question, TurnResult, failureCount: Int)

        var context: ListenContext {
            switch self {
            case .request, .anythingElse: .intent
            case .doctor: .doctor
            case .time: .time
            case .confirmation, .isPatient, .appointment, .newPatient, .heard: .yesNo
            case .message: .message
            case .name: .name
            case .dateOfBirth: .dateOfBirth
            case .callbackNumber: .digits
            }
        }

        /// Whether this is a read-back of an uncertain answer.
        var isReadBack: Bool {
            if case .heard = self { return true }
            return false
        }

        /// Whether the keypad entry offer follows the two reprompts instead of a transfer.
        var hasKeypadFallback: Bool { self == .dateOfBirth || self == .callbackNumber || self.context == .yesNo }
    }

    /// Below this intent confidence the opening request (and a new one after "anything else?") is asked again.
    public static let confidenceThreshold = 0.5

    /// Failed answers to one question before the call goes to staff: the first two get narrower reprompts.
    static let maximumFailureCount = 3

    /// The practice the call is for.
    public let practice: PracticeConfiguration

    let prompts: DialoguePrompts
    var stage: Stage = .notStarted
    var callerNumber: String?
    var callStart = Date(timeIntervalSince1970: 0)
    var isSpeaking = false
    var failureCount = 0
    var silenceCount = 0
    var booking = BookingDraft()
    /// What the caller asked for that needs them identified first.
    var errand: Errand?
    var identity = IdentityDraft()
    /// The caller, once identified or registered.
    var patient: PatientSummary?
    /// The number the caller gave to be called back on.
    var callbackNumber: String?
    /// The caller's appointments not yet offered, after the one being asked about.
    var appointmentAlternatives: [AppointmentSummary] = []
    /// Whether the pending question has been offered as keypad entry.
    var isKeypadEntry = false
    var isAfterHours = false
    var progress = CallProgress()
    var firstIntent: Intent?

    /// A controller for one call to `practice`.
    public init(practice: PracticeConfiguration) {
        self.practice = practice
        self.prompts = DialoguePrompts(practice: practice)
    }

    /// Whether the call is over for the dialogue (transferred or hung up).
    public var hasEnded: Bool { self.stage == .ended }

    /// Whether the agent has asked for keypad entry after two reprompts (a date of birth or a callback number, ended
    /// by the hash key, or 1 or 2 for a yes or a no) and waits for `dtmf` digits; spoken answers are still accepted.
    public var isAwaitingKeypad: Bool {
        guard case .asking(let question) = self.stage else { return false }
        return self.isKeypadEntry && question.hasKeypadFallback
    }

    /// Handles one event.
    ///
    /// - Returns: the actions to perform, in order; empty when the event changes nothing.
    public mutating func handle(_ event: DialogueEvent) -> [DialogueAction] {
        switch (event, self.stage) {
        case (_, .ended):
            return []
        case (.hangUp, _):
            self.stage = .ended
            return []
        case (.callStarted(let callerNumber, let now), .notStarted):
            self.callerNumber = callerNumber
            self.callStart = now
            guard self.practice.isOpen(at: now) else { return self.startAfterHours() }
            return self.ask(.request, self.prompts.greeting)
        case (_, .notStarted), (.callStarted, _):
            return []
        case (.turn(let turn), _) where turn.isUrgent:
            return self.escalateUrgent()
        case (.bargeIn, _):
            return self.stopSpeakingIfNeeded()
        case (.promptFinished, .closing):
            self.isSpeaking = false
            self.stage = .ended
            return [.hangUp]
        case (.promptFinished, _):
            self.isSpeaking = false
            return []
        case (.silenceTimeout, .asking(let question)):
            return self.silence(question)
        case (.turn(let turn), .asking(let question)):
            self.silenceCount = 0
            return self.answer(question, with: turn)
        case (.dtmf(let digits), .asking(let question)):
            return self.keypad(digits, question: question)
        case (.offer(let slots), .findingSlots):
            return self.offer(slots)
        case (.bookingFinished(let outcome), .booking(let slot)):
            return self.finishBooking(slot, outcome)
        case (.patientsFound(let patients), .findingPatient(let query)):
            return self.found(patients, for: query)
        case (.patientRegistered(let patient), .registeringPatient):
            return self.registered(patient)
        case (.appointmentsFound(let appointments), .findingAppointments):
            return self.offerAppointments(appointments)
        case (.cancellationFinished(let outcome), .cancelling(let appointment)):
            return self.finishCancelling(appointment, outcome)
        case (.rescheduleFinished(let outcome), .rescheduling(let slot)):
            return self.finishBooking(slot, outcome)
        case (.silenceTimeout, _), (.turn, _), (.dtmf, _), (.offer, _), (.bookingFinished, _), (.patientsFound, _),
            (.patientRegistered, _), (.appointmentsFound, _), (.cancellationFinished, _), (.rescheduleFinished, _):
            return []
        }
    }

    /// Stop, give the safety instruction, transfer; with no transfer target configured, end the call after the
    /// instruction so the caller rings the emergency number.
    mutating func escalateUrgent() -> [DialogueAction] {
        var actions = self.stopSpeakingIfNeeded()
        actions.append(.speak(self.prompts.safetyInstruction))
        self.stage = .ended
        if self.firstIntent == nil { self.firstIntent = .emergency }
        // TODO: after hours the urgent call still goes to the first transfer target, which may be a reception
        // desk nobody answers; the practice has no separate on-call target for urgent calls yet.
        guard let target = self.practice.transferTargets.first else { return actions + [.hangUp] }
        self.progress.done.insert(.transferred)
        return actions + [.speak(self.prompts.urgentTransfer), .transfer(target: target, reason: .urgent)]
    }

    /// Hand the call to the first transfer target, or take a message when the practice has none.
    mutating func transfer(_ reason: TransferReason) -> [DialogueAction] {
        guard let target = self.practice.transferTargets.first else {
            // TODO: a practice without transfer targets gets a message instead of a person; the caller is not
            // told that no one is available to talk to.
            return self.takeMessage(.general)
        }
        self.stage = .ended
        self.progress.done.insert(.transferred)
        return [.speak(self.prompts.transferring), .transfer(target: target, reason: reason)]
    }

    /// Ask `question` with `prompt`, resetting the failure count when the question changes.
    mutating func ask(_ question: Question, _ prompts: Prompt...) -> [DialogueAction] {
        self.ask(question, prompts)
    }

    /// Ask `question` with `prompts`, resetting the failure count when the question changes.
    mutating func ask(_ question: Question, _ prompts: [Prompt]) -> [DialogueAction] {
        if self.stage != .asking(question) {
            self.failureCount = 0
            self.isKeypadEntry = false
        }
        self.stage = .asking(question)
        self.isSpeaking = self.isSpeaking || !prompts.isEmpty
        return prompts.map { .speak($0) } + [.listen(context: question.context)]
    }

    /// A failed answer: a narrower reprompt, or staff after the last one. A date of birth, a callback number or a
    /// yes/no answer is offered as keypad entry after the two reprompts (for a yes or a no, 1 or 2; spoken answers
    /// still count), and goes to staff when that fails too.
    mutating func fail(_ question: Question) -> [DialogueAction] {
        self.failureCount += 1
        if question.hasKeypadFallback, self.failureCount == Self.maximumFailureCount {
            self.isKeypadEntry = true
            self.isSpeaking = true
            let listen: ListenContext = question.context == .yesNo ? .yesNo : .digits
            return [.speak(self.prompts.keypadEntry(question.context)), .listen(context: listen)]
        }
        guard self.failureCount < Self.maximumFailureCount else { return self.transfer(.notUnderstood) }
        let prompt = self.prompts.reprompt(question.context, failureCount: self.failureCount)
        self.isSpeaking = true
        return [.speak(prompt), .listen(context: question.context)]
    }

    /// Silence: ask again once, then end the call politely.
    mutating func silence(_ question: Question) -> [DialogueAction] {
        self.silenceCount += 1
        guard self.silenceCount < 2 else { return self.close(self.prompts.silenceGoodbye) }
        self.isSpeaking = true
        if self.isAwaitingKeypad {
            let listen: ListenContext = question.context == .yesNo ? .yesNo : .digits
            return [.speak(self.prompts.stillThereForKeypad(question.context)), .listen(context: listen)]
        }
        return [.speak(self.prompts.stillThere(question.context)), .listen(context: question.context)]
    }

    /// Say goodbye; the call ends when it has played.
    mutating func close(_ prompt: Prompt) -> [DialogueAction] {
        self.stage = .closing
        self.isSpeaking = true
        return [.speak(prompt)]
    }

    mutating func stopSpeakingIfNeeded() -> [DialogueAction] {
        guard self.isSpeaking else { return [] }
        self.isSpeaking = false
        return [.stopSpeaking]
    }
}

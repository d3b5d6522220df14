import Foundation
import Practice
import Understanding

/// The dialogue of one call: a value-type state machine that turns call events into actions.
///
/// It does no I/O, reads no clock and draws no random numbers: `now` comes with `callStarted`, the schedule is
/// reached through `findSlots` and `book` actions answered by `offer` and `bookingFinished` events, and every
/// answer comes from the practice configuration. Feed it every event of the call in order and perform the actions
/// it returns in order.
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

        var context: ListenContext {
            switch self {
            case .request, .anythingElse: .intent
            case .doctor: .doctor
            case .time: .time
            case .confirmation: .yesNo
            case .message: .message
            }
        }
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

    /// A controller for one call to `practice`.
    public init(practice: PracticeConfiguration) {
        self.practice = practice
        self.prompts = DialoguePrompts(practice: practice)
    }

    /// Whether the call is over for the dialogue (transferred or hung up).
    public var hasEnded: Bool { self.stage == .ended }

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
        case (.silenceTimeout, _), (.turn, _), (.dtmf, _), (.offer, _), (.bookingFinished, _):
            return []
        }
    }

    /// Stop, give the safety instruction, transfer; with no transfer target configured, end the call after the
    /// instruction so the caller rings the emergency number.
    mutating func escalateUrgent() -> [DialogueAction] {
        var actions = self.stopSpeakingIfNeeded()
        actions.append(.speak(self.prompts.safetyInstruction))
        self.stage = .ended
        guard let target = self.practice.transferTargets.first else { return actions + [.hangUp] }
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
        return [.speak(self.prompts.transferring), .transfer(target: target, reason: reason)]
    }

    /// Ask `question` with `prompt`, resetting the failure count when the question changes.
    mutating func ask(_ question: Question, _ prompts: Prompt...) -> [DialogueAction] {
        if self.stage != .asking(question) { self.failureCount = 0 }
        self.stage = .asking(question)
        self.isSpeaking = self.isSpeaking || !prompts.isEmpty
        return prompts.map { .speak($0) } + [.listen(context: question.context)]
    }

    /// A failed answer: a narrower reprompt, or staff after the last one.
    mutating func fail(_ question: Question) -> [DialogueAction] {
        self.failureCount += 1
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

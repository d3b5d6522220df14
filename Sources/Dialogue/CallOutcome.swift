import Understanding

/// What a call came to, for the call record and reports.
public enum CallOutcome: String, Sendable, Hashable, CaseIterable {
    /// A new appointment was booked.
    case booked
    /// An appointment was cancelled.
    case cancelled
    /// An appointment was moved.
    case rescheduled
    /// A question was answered (hours, address, the doctors).
    case answered
    /// A message was taken for the practice.
    case messageTaken = "message_taken"
    /// The call was handed to a person.
    case transferred
    /// The call ended (hang-up, silence) before anything was done.
    case abandoned
}

/// What has happened on the call so far, each at most once.
struct CallProgress: Sendable, Equatable {
    var done: Set<CallOutcome> = []

    /// The outcomes in the order `outcome` prefers them.
    static let precedence: [CallOutcome] = [.transferred, .booked, .rescheduled, .cancelled, .messageTaken, .answered]

    var outcome: CallOutcome { Self.precedence.first { self.done.contains($0) } ?? .abandoned }
}

extension DialogueController {
    /// What the call came to; `nil` before `callStarted`.
    ///
    /// While the call goes on this is the outcome so far, final once `hasEnded` is true. When several things
    /// happened, the first in this order wins: `transferred` (a person took the call over, whatever was done
    /// before), `booked`, `rescheduled`, `cancelled`, `messageTaken`, `answered`. A call in which none of them
    /// happened (a hang-up, the silence goodbye, a caller who declined every change) is `abandoned`.
    public var outcome: CallOutcome? {
        self.stage == .notStarted ? nil : self.progress.outcome
    }

    /// The intent of the caller's first confident request (the opening one, or the first after "anything
    /// else?"; after hours, what the message asks for), `emergency` when an urgent turn came first; `nil` until
    /// then.
    public var callIntent: Intent? { self.firstIntent }
}

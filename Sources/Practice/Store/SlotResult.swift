import Foundation

/// What asking to book a slot gave.
public enum BookingResult: Sendable, Equatable {
    /// The slot is the patient's now.
    case booked(Appointment)

    /// Another appointment is booked at that doctor and start.
    case taken

    /// Another call holds the slot while its caller confirms; the hold ends at `until`, after which the slot may
    /// be free.
    case heldByAnotherCall(until: Date)

    /// The doctor does not see patients then: not one of their slots in the practice configuration, a doctor the
    /// configuration does not have, or a start that is not after `now`.
    case notBookable
}

/// What asking to hold a slot for a call gave.
public enum HoldResult: Sendable, Equatable {
    /// The slot is held for this call until `until`; holding it again renews the hold.
    case held(until: Date)

    /// The slot is already booked.
    case taken

    /// Another call's hold on the slot is live until `until`.
    case heldByAnotherCall(until: Date)

    /// Not one of the doctor's slots, or not in the future; see `BookingResult.notBookable`.
    case notBookable
}

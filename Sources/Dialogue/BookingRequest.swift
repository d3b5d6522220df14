import Foundation
import Understanding

/// What the call layer should look for in the schedule before the controller can offer a time.
public struct SlotQuery: Sendable, Equatable {
    /// The doctor's display name (`Dr. Patel`), or `nil` for any doctor.
    public var doctor: String?

    /// The day the caller asked for; `nil` means the first free day.
    public var day: DayPreference?

    /// The time of day the caller asked for; `nil` means any time.
    public var time: TimePreference?

    /// No slot before this instant: the call's start.
    public var notBefore: Date

    /// A query.
    public init(doctor: String?, day: DayPreference?, time: TimePreference?, notBefore: Date) {
        self.doctor = doctor
        self.day = day
        self.time = time
        self.notBefore = notBefore
    }
}

/// A free slot the call layer found (and, ideally, holds for this call), offered to the caller.
public struct SlotOffer: Sendable, Equatable {
    /// The doctor's display name.
    public var doctor: String

    /// When the appointment starts.
    public var start: Date

    /// An offer.
    public init(doctor: String, start: Date) {
        self.doctor = doctor
        self.start = start
    }
}

/// A booking the caller has confirmed.
public struct BookingRequest: Sendable, Equatable {
    /// The slot confirmed.
    public var slot: SlotOffer

    /// The caller's number, when the network gave one.
    public var callerNumber: String?

    /// The patient the appointment is for: the caller, identified before booking.
    public var patientID: Int64

    /// A booking request.
    public init(slot: SlotOffer, callerNumber: String?, patientID: Int64) {
        self.slot = slot
        self.callerNumber = callerNumber
        self.patientID = patientID
    }
}

/// What came of a `book` action, sent back by the call layer.
public enum BookingOutcome: Sendable, Equatable {
    /// The appointment is in the schedule.
    case booked
    /// The slot went to someone else, or can no longer be booked.
    case unavailable
}

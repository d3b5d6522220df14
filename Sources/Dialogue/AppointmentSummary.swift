import Foundation
import Practice

/// One of the patient's upcoming appointments, as the agent reads it out.
public struct AppointmentSummary: Sendable, Equatable {
    /// The appointment's id in the schedule store.
    public var id: Int64

    /// The doctor's display name.
    public var doctor: String

    /// When it starts.
    public var start: Date

    /// A summary.
    public init(id: Int64, doctor: String, start: Date) {
        self.id = id
        self.doctor = doctor
        self.start = start
    }

    /// The summary of a stored appointment.
    public init(_ appointment: Appointment) {
        self.init(id: appointment.id, doctor: appointment.doctorName, start: appointment.start)
    }
}

/// What came of a `cancel` action, sent back by the call layer.
public enum CancellationOutcome: Sendable, Equatable {
    /// The appointment is cancelled; its slot is free again.
    case cancelled
    /// The appointment was no longer booked (already cancelled, moved, or unknown), so nothing changed.
    case notBooked
}

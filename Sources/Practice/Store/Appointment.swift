import Foundation

/// Where an appointment stands. Rows are never deleted: a change of plan is a change of status.
public enum AppointmentStatus: String, Sendable, Hashable, CaseIterable {
    /// The slot is the patient's; at most one booked appointment per doctor and start.
    case booked
    /// The patient cancelled; the slot is free again.
    case cancelled
    /// The patient moved it; the new appointment's `replacesID` points here.
    case rescheduled
}

/// One appointment as stored, booked or not.
public struct Appointment: Sendable, Equatable, Identifiable {
    /// The store's id for the appointment.
    public let id: Int64

    /// The patient's id in the store.
    public let patientID: Int64

    /// The doctor's display name, as in the practice configuration.
    public let doctorName: String

    /// When it starts (whole seconds).
    public let start: Date

    /// How long it is, in minutes: the doctor's appointment length when it was booked.
    public let lengthMinutes: Int

    /// Where it stands.
    public let status: AppointmentStatus

    /// When it was booked.
    public let createdAt: Date

    /// When it was last cancelled or rescheduled; `nil` while it has never changed.
    public let changedAt: Date?

    /// The appointment this one replaced, when it was made by rescheduling.
    public let replacesID: Int64?
}

/// A patient known to the practice.
public struct Patient: Sendable, Equatable, Identifiable {
    /// The store's id for the patient.
    public let id: Int64

    /// The name, with runs of spaces collapsed; matched without regard to ASCII case.
    public let name: String

    /// The date of birth; with the name, it identifies the patient.
    public let dateOfBirth: LocalDate

    /// A phone number to recognise the caller by, when known.
    public let phone: String?
}

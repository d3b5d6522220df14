import Foundation

/// Something that happened on the call, fed to `DialogueController.handle(_:)`.
public enum DialogueEvent: Sendable, Equatable {
    /// The call was answered. `now` is the moment it started: the controller never reads the clock.
    case callStarted(callerNumber: String?, now: Date)
    /// The caller finished a turn.
    case turn(TurnResult)
    /// The caller started speaking over the agent.
    case bargeIn
    /// The caller said nothing for the listening window.
    case silenceTimeout
    /// Keypad digits.
    case dtmf(digits: String)
    /// The agent's queued speech has finished playing.
    case promptFinished
    /// The schedule's answer to a `findSlots` action, nearest first; empty when nothing is free.
    case offer(slots: [SlotOffer])
    /// The schedule's answer to a `book` action.
    case bookingFinished(BookingOutcome)
    /// The store's answer to a `findPatient` action: every patient that matches, best first; empty for none.
    case patientsFound([PatientSummary])
    /// The store's answer to a `registerPatient` action: the patient as registered.
    case patientRegistered(PatientSummary)
    /// The store's answer to a `findAppointments` action: the patient's upcoming booked appointments.
    case appointmentsFound([AppointmentSummary])
    /// The store's answer to a `cancel` action.
    case cancellationFinished(CancellationOutcome)
    /// The store's answer to a `reschedule` action: `booked` when the appointment has moved.
    case rescheduleFinished(BookingOutcome)
    /// The caller hung up.
    case hangUp
}

import Practice

/// Something the call layer must do, returned by `DialogueController.handle(_:)`.
///
/// Actions are performed in order. `speak` queues audio; `listen` opens the recognizer once the queued audio has
/// played (barge-in stays live while it plays); `transfer` and `hangUp` happen after the queued audio.
public enum DialogueAction: Sendable, Equatable {
    /// Queue a prompt.
    case speak(Prompt)
    /// Stop the agent's audio now and drop what is queued.
    case stopSpeaking
    /// Listen for the caller's next turn.
    case listen(context: ListenContext)
    /// Query the schedule and answer with an `offer(slots:)` event.
    case findSlots(SlotQuery)
    /// Book the slot and answer with a `bookingFinished` event.
    case book(BookingRequest)
    /// Look the caller up in the store and answer with a `patientsFound` event (empty when no one matches).
    case findPatient(PatientQuery)
    /// Register a caller the store does not know and answer with a `patientRegistered` event.
    case registerPatient(NewPatient)
    /// Read the patient's upcoming booked appointments (`ScheduleStore.upcomingAppointments(patientID:now:)`) and
    /// answer with an `appointmentsFound` event.
    case findAppointments(patientID: Int64)
    /// Cancel the appointment and answer with a `cancellationFinished` event.
    case cancel(appointmentID: Int64)
    /// Move the appointment to the slot and answer with a `rescheduleFinished` event.
    case reschedule(appointmentID: Int64, to: SlotOffer)
    /// Hand the call to a person.
    case transfer(target: TransferTarget, reason: TransferReason)
    /// Record the caller's next turn as a message for the practice, from `patient` when the caller was identified,
    /// to be returned on `callbackNumber` (the number the caller gave, else the caller number; `nil` when neither
    /// is known).
    case takeMessage(topic: MessageTopic, patient: PatientSummary?, callbackNumber: String?)
    /// End the call.
    case hangUp
}

/// Why a call went to a person.
public enum TransferReason: String, Sendable, Hashable {
    /// A detector flagged the call as urgent.
    case urgent
    /// The caller asked for a person.
    case callerAsked
    /// The caller could not be understood after two narrower questions.
    case notUnderstood
    /// No free slot could be found or booked.
    case noSlot
    /// The practice is closed and its `afterHours` configuration sends calls to this target.
    case afterHours
}

/// What a message left for the practice is about.
public enum MessageTopic: String, Sendable, Hashable {
    case prescription
    case results
    /// Not sent by the controller, which cancels and moves appointments itself; kept for messages recorded
    /// before it could.
    case cancel
    /// Not sent by the controller (see `cancel`).
    case reschedule
    /// Anything the agent cannot handle itself.
    case general
}

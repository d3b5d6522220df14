import Foundation

/// Holding, booking, cancelling and rescheduling slots.
///
/// A slot is a doctor and a start instant that `PracticeConfiguration.slotStarts(for:on:)` lists for that doctor
/// and day, after `now`. Each operation is one `BEGIN IMMEDIATE` transaction: it takes the write lock before it
/// reads, so what it checks is still true when it writes, and two connections can never both book one slot.
extension ScheduleStore {
    /// Holds a slot for a call while its caller confirms, for at most `maximumHoldDuration`.
    ///
    /// A live hold by another call blocks the slot; an expired hold is removed and ignored. Holding a slot the
    /// call already holds renews the hold. A call may hold several slots (the two it offers); booking one releases
    /// that hold, and `releaseHolds(callID:)` releases the rest.
    ///
    /// - Parameters:
    ///   - duration: How long the hold lasts from `now`; rounded up to whole seconds.
    ///   - now: The current instant; the store never reads the clock.
    /// - Returns: `.held(until:)`, or why not: `.taken`, `.heldByAnotherCall(until:)`, `.notBookable`.
    /// - Throws: `ScheduleStoreError.invalidArgument` for a blank call id or a duration outside
    ///   0…`maximumHoldDuration`, `.database`.
    public func hold(
        doctorName: String, start: Date, callID: String, now: Date, duration: Duration = .seconds(120)
    ) throws(ScheduleStoreError) -> HoldResult {
        guard !callID.isEmpty else { throw .invalidArgument("a hold needs a call id") }
        guard duration > .zero, duration <= Self.maximumHoldDuration else {
            throw .invalidArgument("a hold lasts more than 0 s and at most \(Self.maximumHoldDuration)")
        }
        let (wholeSeconds, attoseconds) = duration.components
        let nowSeconds = try Self.seconds(now)
        let expiresAt = nowSeconds + wholeSeconds + (attoseconds > 0 ? 1 : 0)
        guard let slot = try self.slot(doctorName: doctorName, start: start, now: now) else { return .notBookable }

        return try ScheduleStoreError.wrapping {
            try self.connection.immediateTransaction {
                try self.removeExpiredHolds(nowSeconds)
                if try self.isBooked(slot) { return .taken }
                if let until = try self.liveHold(on: slot, byCallOtherThan: callID) {
                    return .heldByAnotherCall(until: Self.date(until))
                }
                try self.connection.run(
                    """
                    INSERT INTO slot_holds (doctor_id, start_at, call_id, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (doctor_id, start_at) DO UPDATE SET call_id = excluded.call_id,
                        expires_at = excluded.expires_at
                    """, [.integer(slot.doctorID), .integer(slot.start), .text(callID), .integer(expiresAt)])
                return .held(until: Self.date(expiresAt))
            }
        }
    }

    /// Releases every hold `callID` has, for example when the caller hangs up or declines.
    ///
    /// - Returns: How many holds were released.
    @discardableResult
    public func releaseHolds(callID: String) throws(ScheduleStoreError) -> Int {
        try ScheduleStoreError.wrapping {
            try self.connection.run("DELETE FROM slot_holds WHERE call_id = ?", [.text(callID)])
        }
    }

    /// Books a slot for a patient.
    ///
    /// In one transaction: the slot must be one of the doctor's slots after `now`, not booked, and not held by a
    /// live hold of another call; the appointment is then inserted (the doctor's appointment length) and this
    /// call's hold on the slot released.
    ///
    /// - Parameters:
    ///   - callID: The call booking it, whose own hold does not block it; `nil` for a booking made outside a call,
    ///     which any live hold blocks.
    ///   - now: The current instant, stored as the booking time.
    /// - Returns: `.booked` with the appointment, or why not.
    /// - Throws: `ScheduleStoreError.unknownPatient`, `.database`.
    public func book(
        patientID: Int64, doctorName: String, start: Date, callID: String? = nil, now: Date
    ) throws(ScheduleStoreError) -> BookingResult {
        try self.refusalAsResult {
            try self.connection.immediateTransaction {
                try self.insertBooking(
                    patientID: patientID, doctorName: doctorName, start: start, callID: callID, replacing: nil, now: now
                )
            }
        }
    }

    /// Cancels a booked appointment; the row stays, marked `cancelled`, and the slot is free again.
    ///
    /// - Returns: The appointment as it now is.
    /// - Throws: `ScheduleStoreError.unknownAppointment`, `.appointmentNotBooked` when it was already cancelled or
    ///   rescheduled, `.database`.
    @discardableResult
    public func cancel(appointmentID: Int64, now: Date) throws(ScheduleStoreError) -> Appointment {
        let nowSeconds = try Self.seconds(now)
        return try ScheduleStoreError.wrapping {
            try self.connection.immediateTransaction {
                let appointment = try self.bookedAppointment(appointmentID)
                try self.connection.run(
                    "UPDATE appointments SET status = 'cancelled', changed_at = ? WHERE id = ?",
                    [.integer(nowSeconds), .integer(appointment.id)])
                return try self.requireAppointment(appointment.id)
            }
        }
    }

    /// Moves a booked appointment to another slot: all of it happens, or none of it.
    ///
    /// In one transaction the old appointment is marked `rescheduled` and a new one booked for the same patient,
    /// with `replacesID` pointing at the old one. When the new slot cannot be booked the transaction is rolled back
    /// and the old appointment stays booked, untouched.
    ///
    /// - Parameters:
    ///   - doctorName: The new slot's doctor; `nil` keeps the old appointment's doctor.
    ///   - callID: The call rescheduling it, whose own hold on the new slot does not block it.
    /// - Returns: `.booked` with the new appointment, or why the new slot could not be booked.
    /// - Throws: `ScheduleStoreError.unknownAppointment`, `.appointmentNotBooked`, `.database`.
    public func reschedule(
        appointmentID: Int64, to start: Date, doctorName: String? = nil, callID: String? = nil, now: Date
    ) throws(ScheduleStoreError) -> BookingResult {
        let nowSeconds = try Self.seconds(now)
        return try self.refusalAsResult {
            try self.connection.immediateTransaction {
                let old = try self.bookedAppointment(appointmentID)
                try self.connection.run(
                    "UPDATE appointments SET status = 'rescheduled', changed_at = ? WHERE id = ?",
                    [.integer(nowSeconds), .integer(old.id)])
                return try self.insertBooking(
                    patientID: old.patientID, doctorName: doctorName ?? old.doctorName, start: start, callID: callID,
                    replacing: old.id, now: now)
            }
        }
    }
}

/// The steps the operations share; each runs inside the caller's transaction.
extension ScheduleStore {
    /// A doctor's slot, as stored: the doctor's row id, whole seconds since 1970, and their appointment length.
    struct Slot {
        let doctorID: Int64
        let start: Int64
        let lengthMinutes: Int
    }

    /// A booking that could not be made, thrown to roll its transaction back and returned as the result.
    struct Refusal: Error {
        let result: BookingResult
    }

    /// The slot, or `nil` when the configuration has no such doctor, the start is not one of their slot starts
    /// that day, or it is not after `now`.
    func slot(doctorName: String, start: Date, now: Date) throws(ScheduleStoreError) -> Slot? {
        let startSeconds = try Self.seconds(start)
        guard startSeconds > (try Self.seconds(now)), let doctor = self.practice.doctor(withName: doctorName),
            let (date, _) = self.practice.localTime(of: start),
            self.practice.slotStarts(for: doctor, on: date).contains(where: { (try? Self.seconds($0)) == startSeconds })
        else { return nil }

        let id = try ScheduleStoreError.wrapping {
            try self.connection.firstRow("SELECT id FROM doctors WHERE display_name = ?", [.text(doctor.name)]) {
                row throws(SQLiteError) in try row.integer(at: 0)
            }
        }
        // `syncDoctors` ran when the store opened, so a configured doctor always has a row.
        guard let id else { return nil }
        return Slot(doctorID: id, start: startSeconds, lengthMinutes: doctor.appointmentMinutes)
    }

    /// Checks and inserts one booking; throws `Refusal` when the slot cannot be booked.
    func insertBooking(
        patientID: Int64, doctorName: String, start: Date, callID: String?, replacing: Int64?, now: Date
    ) throws -> BookingResult {
        let nowSeconds = try Self.seconds(now)
        let patient = try self.connection.firstRow("SELECT 1 FROM patients WHERE id = ?", [.integer(patientID)]) {
            row throws(SQLiteError) in try row.integer(at: 0)
        }
        guard patient != nil else { throw ScheduleStoreError.unknownPatient(patientID) }
        guard let slot = try self.slot(doctorName: doctorName, start: start, now: now) else {
            throw Refusal(result: .notBookable)
        }

        try self.removeExpiredHolds(nowSeconds)
        if try self.isBooked(slot) { throw Refusal(result: .taken) }
        if let until = try self.liveHold(on: slot, byCallOtherThan: callID) {
            throw Refusal(result: .heldByAnotherCall(until: Self.date(until)))
        }

        do {
            try self.connection.run(
                """
                INSERT INTO appointments (patient_id, doctor_id, start_at, length_minutes, status, created_at, replaces_id)
                VALUES (?, ?, ?, ?, 'booked', ?, ?)
                """,
                [
                    .integer(patientID), .integer(slot.doctorID), .integer(slot.start),
                    .integer(Int64(slot.lengthMinutes)), .integer(nowSeconds), .optionalInteger(replacing),
                ])
        } catch let error where error.isUniqueViolation {
            // The check above makes this unreachable through the store; the index still has the last word.
            throw Refusal(result: .taken)
        }
        let id = self.connection.lastInsertedRowID
        if let callID {
            try self.connection.run(
                "DELETE FROM slot_holds WHERE doctor_id = ? AND start_at = ? AND call_id = ?",
                [.integer(slot.doctorID), .integer(slot.start), .text(callID)])
        }
        return .booked(try self.requireAppointment(id))
    }

    /// Runs `body`, returning a `Refusal`'s result (after its transaction rolled back) instead of throwing it.
    func refusalAsResult(_ body: () throws -> BookingResult) throws(ScheduleStoreError) -> BookingResult {
        try ScheduleStoreError.wrapping {
            do {
                return try body()
            } catch let refusal as Refusal {
                return refusal.result
            }
        }
    }

    func removeExpiredHolds(_ nowSeconds: Int64) throws(SQLiteError) {
        try self.connection.run("DELETE FROM slot_holds WHERE expires_at <= ?", [.integer(nowSeconds)])
    }

    func isBooked(_ slot: Slot) throws(SQLiteError) -> Bool {
        let row = try self.connection.firstRow(
            "SELECT 1 FROM appointments WHERE doctor_id = ? AND start_at = ? AND status = 'booked'",
            [.integer(slot.doctorID), .integer(slot.start)]
        ) { row throws(SQLiteError) in try row.integer(at: 0) }
        return row != nil
    }

    /// When another call's hold on `slot` expires, or `nil` when no other call holds it. Expired holds must have
    /// been removed first.
    func liveHold(on slot: Slot, byCallOtherThan callID: String?) throws(SQLiteError) -> Int64? {
        try self.connection.firstRow(
            "SELECT expires_at FROM slot_holds WHERE doctor_id = ? AND start_at = ? AND call_id IS NOT ?",
            [.integer(slot.doctorID), .integer(slot.start), .optionalText(callID)]
        ) { row throws(SQLiteError) in try row.integer(at: 0) }
    }

    /// The appointment, which must exist and be booked.
    func bookedAppointment(_ id: Int64) throws -> Appointment {
        let appointment = try self.requireAppointment(id)
        guard appointment.status == .booked else {
            throw ScheduleStoreError.appointmentNotBooked(id: id, status: appointment.status)
        }
        return appointment
    }

    /// The appointment, which must exist.
    func requireAppointment(_ id: Int64) throws -> Appointment {
        guard
            let appointment = try self.connection.firstRow(
                Self.appointmentSelect + " WHERE a.id = ?", [.integer(id)], Self.appointment)
        else { throw ScheduleStoreError.unknownAppointment(id) }
        return appointment
    }

    /// Whole seconds since 1970 UTC, rounded down; refused outside what an `Int64` holds.
    static func seconds(_ date: Date) throws(ScheduleStoreError) -> Int64 {
        guard let seconds = Int64(exactly: date.timeIntervalSince1970.rounded(.down)) else {
            throw .invalidArgument("\(date) is outside the instants the store can hold")
        }
        return seconds
    }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}

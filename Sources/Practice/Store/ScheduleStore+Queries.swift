import Foundation

/// Reading appointments back.
extension ScheduleStore {
    /// The appointment with this id, in any status, or `nil`.
    public func appointment(id: Int64) throws(ScheduleStoreError) -> Appointment? {
        try ScheduleStoreError.wrapping {
            try self.connection.firstRow(Self.appointmentSelect + " WHERE a.id = ?", [.integer(id)], Self.appointment)
        }
    }

    /// The patient's booked appointments starting at or after `now`, soonest first.
    public func upcomingAppointments(patientID: Int64, now: Date) throws(ScheduleStoreError) -> [Appointment] {
        let nowSeconds = try Self.seconds(now)
        return try ScheduleStoreError.wrapping {
            try self.connection.rows(
                Self.appointmentSelect
                    + " WHERE a.patient_id = ? AND a.status = 'booked' AND a.start_at >= ? ORDER BY a.start_at, a.id",
                [.integer(patientID), .integer(nowSeconds)], Self.appointment)
        }
    }

    /// Every appointment the patient has had, cancelled and rescheduled ones included, in the order they were made.
    public func appointmentHistory(patientID: Int64) throws(ScheduleStoreError) -> [Appointment] {
        try ScheduleStoreError.wrapping {
            try self.connection.rows(
                Self.appointmentSelect + " WHERE a.patient_id = ? ORDER BY a.id", [.integer(patientID)],
                Self.appointment)
        }
    }

    /// The columns `appointment(_:)` reads, in its order.
    static let appointmentSelect = """
        SELECT a.id, a.patient_id, d.display_name, a.start_at, a.length_minutes, a.status, a.created_at,
            a.changed_at, a.replaces_id
        FROM appointments a JOIN doctors d ON d.id = a.doctor_id
        """

    /// Reads a row selected by `appointmentSelect`.
    static func appointment(_ row: SQLiteStatement) throws(SQLiteError) -> Appointment {
        let statusText = try row.text(at: 5)
        guard let status = AppointmentStatus(rawValue: statusText) else {
            throw SQLiteError(
                extendedCode: SQLiteError.Code.mismatch.rawValue, message: "unknown status '\(statusText)'",
                context: "reading an appointment")
        }
        return Appointment(
            id: try row.integer(at: 0), patientID: try row.integer(at: 1), doctorName: try row.text(at: 2),
            start: Self.date(try row.integer(at: 3)), lengthMinutes: Int(try row.integer(at: 4)), status: status,
            createdAt: Self.date(try row.integer(at: 6)), changedAt: try row.optionalInteger(at: 7).map(Self.date),
            replacesID: try row.optionalInteger(at: 8))
    }
}

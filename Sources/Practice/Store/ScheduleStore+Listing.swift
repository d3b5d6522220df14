import Foundation

/// Reading the schedule as a whole, for listing, calendar export and patient import.
extension ScheduleStore {
    /// The appointments starting in `from..<to`, soonest first (ties by id).
    ///
    /// - Parameters:
    ///   - from: The earliest start to include; `nil` for no lower bound.
    ///   - to: The first start to leave out; `nil` for no upper bound.
    ///   - doctorName: Only this doctor's appointments (the display name as stored); `nil` for every doctor.
    ///   - statuses: Which statuses to include; booked ones only by default.
    /// - Throws: `ScheduleStoreError.invalidArgument` for a bound outside the instants the store holds, `.database`.
    public func appointments(
        from: Date? = nil, to: Date? = nil, doctorName: String? = nil,
        statuses: Set<AppointmentStatus> = [.booked]
    ) throws(ScheduleStoreError) -> [Appointment] {
        let lower = try from.map { date throws(ScheduleStoreError) in try Self.seconds(date) } ?? Int64.min
        let upper = try to.map { date throws(ScheduleStoreError) in try Self.seconds(date) } ?? Int64.max
        let wanted = AppointmentStatus.allCases.filter { statuses.contains($0) }
        guard !wanted.isEmpty else { return [] }
        let placeholders = wanted.map { _ in "?" }.joined(separator: ", ")

        var sql = Self.appointmentSelect + " WHERE a.start_at >= ? AND a.start_at < ? AND a.status IN (\(placeholders))"
        var values: [SQLiteValue] = [.integer(lower), .integer(upper)] + wanted.map { .text($0.rawValue) }
        if let doctorName {
            sql += " AND d.display_name = ?"
            values.append(.text(doctorName))
        }
        sql += " ORDER BY a.start_at, a.id"
        let query = sql
        let parameters = values
        return try ScheduleStoreError.wrapping {
            try self.connection.rows(query, parameters, Self.appointment)
        }
    }

    /// Every patient's name, in name order, once each: what the name context listens for on a live line.
    public func patientNames() throws(ScheduleStoreError) -> [String] {
        let patients = try ScheduleStoreError.wrapping {
            try self.connection.rows(
                "SELECT id, name, date_of_birth, phone FROM patients ORDER BY name", [], Self.patient)
        }
        var seen = Set<String>()
        return patients.map(\.name).filter { seen.insert($0).inserted }
    }

    /// The patient with this id, or `nil`.
    public func patient(id: Int64) throws(ScheduleStoreError) -> Patient? {
        try ScheduleStoreError.wrapping {
            try self.connection.firstRow(
                "SELECT id, name, date_of_birth, phone FROM patients WHERE id = ?", [.integer(id)], Self.patient)
        }
    }

    /// The patient with this name and date of birth, matched as `findOrRegisterPatient` matches, or `nil`.
    public func patient(name: String, dateOfBirth: LocalDate) throws(ScheduleStoreError) -> Patient? {
        let cleanName = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return try ScheduleStoreError.wrapping {
            try self.connection.firstRow(
                "SELECT id, name, date_of_birth, phone FROM patients WHERE name = ? AND date_of_birth = ?",
                [.text(cleanName), .text(dateOfBirth.description)], Self.patient)
        }
    }
}

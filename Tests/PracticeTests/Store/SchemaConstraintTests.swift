import Foundation
import Testing

@testable import Practice

/// What the schema itself refuses, whatever code writes to it.
@Suite("Schedule schema constraints")
struct SchemaConstraintTests {
    let store: ScheduleStore

    init() throws {
        self.store = try StoreFixture.memoryStore()
    }

    func insertAppointment(patient: Int64, doctor: Int64, start: Int64, status: String) throws {
        try self.store.connection.run(
            """
            INSERT INTO appointments (patient_id, doctor_id, start_at, length_minutes, status, created_at)
            VALUES (?, ?, ?, 15, ?, 0)
            """, [.integer(patient), .integer(doctor), .integer(start), .text(status)])
    }

    @Test("an appointment naming a patient or doctor that does not exist is refused by a foreign key")
    func foreignKeys() throws {
        let patient = try StoreFixture.patient(self.store).id
        for (patientID, doctorID) in [(patient + 100, Int64(1)), (patient, Int64(100))] {
            let error = #expect(throws: SQLiteError.self) {
                try self.insertAppointment(patient: patientID, doctor: doctorID, start: 1000, status: "booked")
            }
            #expect(error?.isForeignKeyViolation == true)
        }
    }

    @Test("the partial unique index refuses a second booked row at one doctor and start, not a cancelled one")
    func oneBookingPerSlot() throws {
        let patient = try StoreFixture.patient(self.store).id
        try self.insertAppointment(patient: patient, doctor: 1, start: 1000, status: "booked")
        try self.insertAppointment(patient: patient, doctor: 1, start: 1000, status: "cancelled")
        try self.insertAppointment(patient: patient, doctor: 2, start: 1000, status: "booked")

        let error = #expect(throws: SQLiteError.self) {
            try self.insertAppointment(patient: patient, doctor: 1, start: 1000, status: "booked")
        }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.message.contains("UNIQUE") == true)
    }

    @Test("an unknown status is refused by its CHECK constraint")
    func statusChecked() throws {
        let patient = try StoreFixture.patient(self.store).id
        let error = #expect(throws: SQLiteError.self) {
            try self.insertAppointment(patient: patient, doctor: 1, start: 1000, status: "pencilled")
        }
        #expect(error?.code == .constraint)
    }

    @Test("the same name and date of birth is one patient, whatever the case and spacing")
    func patientIdentity() throws {
        let first = try StoreFixture.patient(self.store, "Maria Lopez")
        let second = try StoreFixture.patient(self.store, "  maria   LOPEZ ")
        let other = try self.store.findOrRegisterPatient(
            name: "Maria Lopez", dateOfBirth: try #require(LocalDate("1990-01-01")), phone: "+15550123")
        #expect(first.id == second.id)
        #expect(other.id != first.id)
        #expect(try self.store.patients(withPhone: "+15550123").map(\.id) == [other.id])
        #expect(throws: ScheduleStoreError.self) { try StoreFixture.patient(self.store, "   ") }
    }
}

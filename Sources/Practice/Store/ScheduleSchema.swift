/// The schedule database's tables, as an ordered list of migration steps.
///
/// Instants are whole seconds since 1970-01-01 UTC in `INTEGER` columns (`*_at`), so they sort and compare in SQL
/// and never depend on a time zone; the practice's wall clock is applied when reading them out. Tables are
/// `STRICT`, so a value of the wrong type is refused on write rather than discovered on read.
enum ScheduleSchema {
    /// Every step, oldest first. Append new steps; never edit a released one.
    static let migrations: [SchemaMigration] = [
        SchemaMigration(
            version: 1, summary: "patients, doctors, appointments, slot holds and call records",
            sql: """
                CREATE TABLE doctors (
                    id INTEGER PRIMARY KEY,
                    display_name TEXT NOT NULL UNIQUE CHECK (length(trim(display_name)) > 0)
                ) STRICT;

                CREATE TABLE patients (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
                    date_of_birth TEXT NOT NULL
                        CHECK (date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    phone TEXT,
                    UNIQUE (name, date_of_birth)
                ) STRICT;
                CREATE INDEX patients_by_phone ON patients (phone);

                CREATE TABLE appointments (
                    id INTEGER PRIMARY KEY,
                    patient_id INTEGER NOT NULL REFERENCES patients (id),
                    doctor_id INTEGER NOT NULL REFERENCES doctors (id),
                    start_at INTEGER NOT NULL,
                    length_minutes INTEGER NOT NULL CHECK (length_minutes BETWEEN 1 AND 1440),
                    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'rescheduled')),
                    created_at INTEGER NOT NULL,
                    changed_at INTEGER,
                    replaces_id INTEGER REFERENCES appointments (id)
                ) STRICT;
                CREATE UNIQUE INDEX appointments_one_booking_per_slot
                    ON appointments (doctor_id, start_at) WHERE status = 'booked';
                CREATE INDEX appointments_by_patient ON appointments (patient_id, start_at);

                CREATE TABLE slot_holds (
                    doctor_id INTEGER NOT NULL REFERENCES doctors (id),
                    start_at INTEGER NOT NULL,
                    call_id TEXT NOT NULL CHECK (length(call_id) > 0),
                    expires_at INTEGER NOT NULL,
                    PRIMARY KEY (doctor_id, start_at)
                ) STRICT;

                CREATE TABLE call_records (
                    id TEXT PRIMARY KEY CHECK (length(id) > 0),
                    caller_number TEXT,
                    started_at INTEGER NOT NULL,
                    ended_at INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at),
                    intent TEXT,
                    outcome TEXT,
                    transcript TEXT NOT NULL DEFAULT '',
                    actions_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(actions_json)),
                    latencies_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(latencies_json))
                ) STRICT;
                CREATE INDEX call_records_by_start ON call_records (started_at);
                """)
    ]
}

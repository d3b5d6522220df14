import Practice

/// A patient as the dialogue needs them: the store's id and the name the agent says.
public struct PatientSummary: Sendable, Equatable {
    /// The patient's id in the schedule store.
    public var id: Int64

    /// The name as stored (`Maria Lopez`).
    public var name: String

    /// A summary.
    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }

    /// The summary of a stored patient.
    public init(_ patient: Patient) {
        self.init(id: patient.id, name: patient.name)
    }

    /// The first word of the name, as the agent greets the caller (`Maria`).
    var firstName: String { self.name.split(separator: " ").first.map(String.init) ?? self.name }
}

/// Who the call layer should look for in the store before the controller can go on.
public enum PatientQuery: Sendable, Equatable {
    /// The patients whose phone is this number (`ScheduleStore.patients(withPhone:)`); a family may share one.
    case phone(String)
    /// The patient with this name and date of birth (`ScheduleStore.patient(name:dateOfBirth:)`).
    case nameAndDateOfBirth(name: String, dateOfBirth: LocalDate)
}

/// A caller not found in the store, to be registered (`ScheduleStore.findOrRegisterPatient`).
public struct NewPatient: Sendable, Equatable {
    /// The name as the caller said it, each word capitalized.
    public var name: String

    /// The date of birth the caller gave.
    public var dateOfBirth: LocalDate

    /// The caller's number, when the network gave one.
    public var phone: String?

    /// A new patient.
    public init(name: String, dateOfBirth: LocalDate, phone: String?) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.phone = phone
    }
}

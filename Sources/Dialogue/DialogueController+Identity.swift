import Practice
import Understanding

/// What the caller asked for that needs them identified first.
enum Errand: Sendable, Equatable {
    /// A new appointment, with what the request already said (`Dr. Patel on Tuesday`).
    case book(Slots)
    case cancel
    /// Move an appointment, with what the request said about the new time.
    case reschedule(Slots)
    /// A message about a prescription or results, which must say who it is from.
    case message(MessageTopic)
}

/// What the caller has said about who they are so far.
struct IdentityDraft: Sendable, Equatable {
    var name: String?
    var dateOfBirth: LocalDate?
    /// Whether the caller number has been looked up, so a "no" to "Am I speaking with …?" does not repeat it.
    var hasLookedUpPhone = false
    /// Patients sharing the caller number, after the one being asked about.
    var phoneMatches: [PatientSummary] = []
    /// How many times the caller said the name and date of birth read back for a registration were wrong.
    var declinedRegistrationCount = 0
}

/// Identification: the caller number's patients ("Am I speaking with …?"), else name, date of birth, the store's
/// match, or a new registration.
extension DialogueController {
    /// Identify the caller for `errand`, then carry it out; a caller identified earlier in the call goes straight on.
    mutating func identify(for errand: Errand) -> [DialogueAction] {
        self.errand = errand
        if self.patient != nil { return self.runErrand() }
        if let number = self.callerNumber, !self.identity.hasLookedUpPhone {
            self.identity.hasLookedUpPhone = true
            let query = PatientQuery.phone(number)
            self.stage = .findingPatient(query)
            return [.findPatient(query)]
        }
        return self.askName()
    }

    mutating func askName(_ preface: Prompt...) -> [DialogueAction] {
        self.identity.name = nil
        self.identity.dateOfBirth = nil
        return self.ask(.name, preface + [self.prompts.askName])
    }

    /// The store's answer: the caller number's patients to ask about, or the patient with that name and birth date.
    mutating func found(_ patients: [PatientSummary], for query: PatientQuery) -> [DialogueAction] {
        switch query {
        case .phone:
            guard let first = patients.first else { return self.askName() }
            self.identity.phoneMatches = Array(patients.dropFirst())
            return self.ask(.isPatient(first), self.prompts.isPatient(first))
        case .nameAndDateOfBirth(let name, let dateOfBirth):
            if let patient = patients.first { return self.identified(patient, self.prompts.thanks(patient)) }
            let newPatient = NewPatient(name: name, dateOfBirth: dateOfBirth, phone: self.callerNumber)
            return self.ask(.newPatient(newPatient), self.prompts.register(newPatient))
        }
    }

    /// The answer to "Shall I register you as a new patient, …?": the name and date of birth were heard right
    /// (register), or not (ask for them again; a second no goes to staff rather than register a wrong record).
    mutating func confirmRegistration(_ newPatient: NewPatient, answer: YesNo?) -> [DialogueAction] {
        switch answer {
        case .yes:
            self.stage = .registeringPatient
            return [.registerPatient(newPatient)]
        case .no:
            self.identity.declinedRegistrationCount += 1
            guard self.identity.declinedRegistrationCount < 2 else { return self.transfer(.notUnderstood) }
            return self.askName(self.prompts.tryAgain)
        case nil:
            return self.fail(.newPatient(newPatient))
        }
    }

    mutating func confirmPatient(_ patient: PatientSummary, answer: YesNo?) -> [DialogueAction] {
        switch answer {
        case .yes:
            return self.identified(patient, self.prompts.thanks(patient))
        case .no:
            guard let next = self.identity.phoneMatches.first else { return self.askName() }
            self.identity.phoneMatches.removeFirst()
            return self.ask(.isPatient(next), self.prompts.isPatient(next))
        case nil:
            return self.fail(.isPatient(patient))
        }
    }

    mutating func answerName(_ turn: TurnResult) -> [DialogueAction] {
        // `What are your hours?` in answer to "your name?" is a new request, not a name.
        if turn.slots.patientName == nil, self.isConfidentRequest(turn) { return self.route(turn, question: .name) }
        guard let name = turn.slots.patientName ?? SpokenName.read(turn.text) else { return self.fail(.name) }
        self.identity.name = name
        // `Maria Lopez, March ninth 1984` answers both questions.
        if let birth = turn.slots.dateOfBirth.flatMap(Self.localDate) { return self.lookUp(name: name, birth) }
        return self.ask(.dateOfBirth, self.prompts.askDateOfBirth)
    }

    mutating func answerDateOfBirth(_ turn: TurnResult) -> [DialogueAction] {
        guard let birth = turn.slots.dateOfBirth.flatMap(Self.localDate), let name = self.identity.name else {
            return self.fail(.dateOfBirth)
        }
        return self.lookUp(name: name, birth)
    }

    /// Keypad date of birth: eight digits, month, day, year.
    mutating func keyedDateOfBirth(_ digits: String) -> [DialogueAction] {
        guard let birth = Self.keyedDate(digits, before: self.callStartDate), let name = self.identity.name else {
            return self.fail(.dateOfBirth)
        }
        return self.lookUp(name: name, birth)
    }

    mutating func lookUp(name: String, _ dateOfBirth: LocalDate) -> [DialogueAction] {
        self.identity.dateOfBirth = dateOfBirth
        let query = PatientQuery.nameAndDateOfBirth(name: name, dateOfBirth: dateOfBirth)
        self.stage = .findingPatient(query)
        return [.findPatient(query)]
    }

    mutating func registered(_ patient: PatientSummary) -> [DialogueAction] {
        self.identified(patient, self.prompts.registered(patient))
    }

    /// The caller is `patient`: say `prompt`, then carry out the errand.
    mutating func identified(_ patient: PatientSummary, _ prompt: Prompt) -> [DialogueAction] {
        self.patient = patient
        self.identity.phoneMatches = []
        return self.runErrand(after: [prompt])
    }

    /// Carry out the errand the caller was identified for.
    mutating func runErrand(after preface: [Prompt] = []) -> [DialogueAction] {
        let actions: [DialogueAction]
        switch self.errand {
        case .book(let slots): actions = self.startBooking(slots)
        case .cancel, .reschedule: actions = self.findAppointments()
        case .message(let topic): return self.takeMessage(topic, after: preface)
        case nil: actions = self.ask(.request, self.prompts.whatElse)
        }
        guard !preface.isEmpty else { return actions }
        self.isSpeaking = true
        return preface.map { .speak($0) } + actions
    }

    /// The call's start day in the practice's calendar, before which a date of birth must fall.
    var callStartDate: LocalDate? { self.practice.localTime(of: self.callStart)?.date }

    static func localDate(_ day: CalendarDay) -> LocalDate? {
        LocalDate(year: day.year, month: day.month, day: day.day)
    }

    /// `03091984` (month, day, year) as a date before `today`, or `nil`.
    static func keyedDate(_ digits: String, before today: LocalDate?) -> LocalDate? {
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let value = Int(digits), value >= 0 else { return nil }
        let date = LocalDate(year: value % 10000, month: value / 1_000_000, day: value / 10000 % 100)
        guard let date, today.map({ date < $0 }) ?? true, date.year >= 1900 else { return nil }
        return date
    }
}

import AudioCore
import Dialogue
import Foundation
import Practice

extension Scenario {
    /// The keys a scenario file may have; any other key is refused, so a misspelt `answer` is not silently empty.
    static let keys: Set<String> = [
        "id", "description", "now", "callerNumber", "patient", "opening", "answers", "bargeIn", "keypad", "hangUpOn",
        "echo", "expect", "denial",
    ]

    /// Reads a scenario file; audio paths in it are taken relative to its folder and must exist.
    ///
    /// - Throws: `ScenarioError` naming the file, the field and the reason.
    public init(contentsOf url: URL) throws(ScenarioError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ScenarioError(path: url.path, field: "", reason: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(json: data, path: url.path, folder: url.deletingLastPathComponent())
    }

    /// Reads a scenario from JSON text; `folder` resolves its audio paths.
    ///
    /// - Throws: `ScenarioError` naming `path`, the field and the reason.
    public init(json data: Data, path: String, folder: URL) throws(ScenarioError) {
        var reader = ScenarioFieldReader(path: path, folder: folder)
        let root = try reader.object(try reader.parse(data), at: "")
        try reader.refuseUnknownKeys(root, allowed: Self.keys, at: "")

        let id = try reader.text(root, "id", at: "")
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw reader.error("id", "'\(id)' is not a scenario id (letters, digits, - and _ only)")
        }
        let nowText = try reader.text(root, "now", at: "")
        guard let now = LocalDateTime(nowText) else {
            throw reader.error("now", "'\(nowText)' is not a local date and time like 2026-12-07T09:00:00")
        }
        let answerObject = try reader.optionalObject(root, "answers", at: "") ?? [:]
        var answers: [AnswerSlot: [URL]] = [:]
        for key in answerObject.keys.sorted() {
            let slot = try reader.slot(key, at: "answers")
            answers[slot] = try reader.audioList(answerObject[key]!, at: "answers.\(key)")
        }
        var bargeIn: [AnswerSlot: Int] = [:]
        for (key, value) in try reader.optionalObject(root, "bargeIn", at: "") ?? [:] {
            let milliseconds = try reader.integer(value, at: "bargeIn.\(key)", in: 0...30_000)
            bargeIn[try reader.slot(key, at: "bargeIn")] = milliseconds
        }
        var keypad: [AnswerSlot: String] = [:]
        for (key, value) in try reader.optionalObject(root, "keypad", at: "") ?? [:] {
            guard let digits = value as? String, !digits.isEmpty,
                digits.allSatisfy({ "0123456789*#".contains($0) })
            else { throw reader.error("keypad.\(key)", "expected keypad digits as a string, e.g. \"03091984#\"") }
            keypad[try reader.slot(key, at: "keypad")] = digits
        }

        self.init(
            id: id, description: try reader.optionalText(root, "description", at: ""), now: now,
            callerNumber: try reader.optionalText(root, "callerNumber", at: ""),
            patient: try reader.patient(root["patient"]),
            opening: try root["opening"].map { (value) throws(ScenarioError) in try reader.audio(value, at: "opening")
            },
            answers: answers,
            bargeInMilliseconds: bargeIn, keypad: keypad,
            hangUpOn: try reader.optionalText(root, "hangUpOn", at: "").map { (key) throws(ScenarioError) in
                try reader.slot(key, at: "hangUpOn")
            },
            echo: try reader.echo(root["echo"]), expectation: try reader.expectation(root["expect"]),
            denial: try root["denial"].map { (value) throws(ScenarioError) in try reader.audio(value, at: "denial") },
            transcripts: ScenarioTranscripts.read(folder: folder))
    }
}

/// Walks a scenario's JSON tree, keeping the file and field names for errors.
struct ScenarioFieldReader {
    typealias Object = [String: Any]

    let path: String
    let folder: URL

    func error(_ field: String, _ reason: String) -> ScenarioError {
        ScenarioError(path: self.path, field: field, reason: reason)
    }

    func parse(_ data: Data) throws(ScenarioError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw self.error("", "is not valid JSON (\(detail))")
        }
    }

    static func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    func object(_ value: Any, at field: String) throws(ScenarioError) -> Object {
        guard let object = value as? Object else { throw self.error(field, "expected a JSON object ({ … })") }
        return object
    }

    func refuseUnknownKeys(_ object: Object, allowed: Set<String>, at field: String) throws(ScenarioError) {
        guard let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first else { return }
        let nearest = allowed.min { editDistance(unknown, $0) < editDistance(unknown, $1) }
        let hint = nearest.map { " (did you mean '\($0)'?)" } ?? ""
        throw self.error(Self.join(field, unknown), "is not a scenario field\(hint)")
    }

    func text(_ object: Object, _ key: String, at field: String) throws(ScenarioError) -> String {
        guard let value = object[key] else { throw self.error(Self.join(field, key), "is missing") }
        guard let text = value as? String else { throw self.error(Self.join(field, key), "expected a string") }
        return text
    }

    func optionalText(_ object: Object, _ key: String, at field: String) throws(ScenarioError) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw self.error(Self.join(field, key), "expected a string") }
        return text
    }

    func optionalObject(_ object: Object, _ key: String, at field: String) throws(ScenarioError) -> Object? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return try self.object(value, at: Self.join(field, key))
    }

    func optionalBool(_ object: Object, _ key: String, at field: String) throws(ScenarioError) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else {
            throw self.error(Self.join(field, key), "expected true or false")
        }
        return number.boolValue
    }

    func integer(_ value: Any, at field: String, in range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        guard let number = value as? NSNumber, let integer = Int(exactly: number.doubleValue), range.contains(integer)
        else { throw self.error(field, "expected a whole number in \(range.lowerBound)…\(range.upperBound)") }
        return integer
    }

    func slot(_ key: String, at field: String) throws(ScenarioError) -> AnswerSlot {
        guard let slot = AnswerSlot(rawValue: key) else {
            let names = AnswerSlot.allCases.map(\.rawValue).joined(separator: ", ")
            throw self.error(Self.join(field, key), "is not a question the agent asks (one of \(names))")
        }
        return slot
    }

    /// An audio path relative to the scenario, which must name an existing file.
    func audio(_ value: Any, at field: String) throws(ScenarioError) -> URL {
        guard let relative = value as? String, !relative.isEmpty else {
            throw self.error(field, value is NSNull ? "is missing" : "expected an audio file path")
        }
        let url =
            relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : self.folder.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw self.error(field, "audio file '\(relative)' does not exist (run tools/make-scenarios to generate it)")
        }
        return url
    }

    func audioList(_ value: Any, at field: String) throws(ScenarioError) -> [URL] {
        guard let list = value as? [Any] else { return [try self.audio(value, at: field)] }
        guard !list.isEmpty else { throw self.error(field, "expected at least one audio file") }
        var urls: [URL] = []
        for (index, item) in list.enumerated() { urls.append(try self.audio(item, at: "\(field)[\(index)]")) }
        return urls
    }

    func dateTime(_ value: Any?, at field: String) throws(ScenarioError) -> LocalDateTime {
        guard let text = value as? String, let dateTime = LocalDateTime(text) else {
            throw self.error(field, "expected a local date and time like 2026-12-09T10:00:00")
        }
        return dateTime
    }

    func patient(_ value: Any?) throws(ScenarioError) -> ScenarioPatient? {
        guard let value, !(value is NSNull) else { return nil }
        let object = try self.object(value, at: "patient")
        try self.refuseUnknownKeys(
            object, allowed: ["name", "dateOfBirth", "phone", "appointments"], at: "patient")
        let name = try self.text(object, "name", at: "patient")
        let birthText = try self.text(object, "dateOfBirth", at: "patient")
        guard let birth = LocalDate(birthText) else {
            throw self.error("patient.dateOfBirth", "'\(birthText)' is not a date like 1984-03-09")
        }
        var appointments: [(doctor: String, start: LocalDateTime)] = []
        if let list = object["appointments"] {
            guard let items = list as? [Any] else { throw self.error("patient.appointments", "expected a list") }
            for (index, item) in items.enumerated() {
                let field = "patient.appointments[\(index)]"
                let appointment = try self.object(item, at: field)
                try self.refuseUnknownKeys(appointment, allowed: ["doctor", "start"], at: field)
                appointments.append(
                    (
                        try self.text(appointment, "doctor", at: field),
                        try self.dateTime(appointment["start"], at: field + ".start")
                    ))
            }
        }
        return ScenarioPatient(
            name: name, dateOfBirth: birth, phone: try self.optionalText(object, "phone", at: "patient"),
            appointments: appointments)
    }

    func echo(_ value: Any?) throws(ScenarioError) -> EchoPath? {
        guard let value, !(value is NSNull) else { return nil }
        let object = try self.object(value, at: "echo")
        try self.refuseUnknownKeys(object, allowed: ["delayMilliseconds", "gainDB"], at: "echo")
        let delay = try self.integer(
            object["delayMilliseconds"] ?? NSNull(), at: "echo.delayMilliseconds", in: 0...400)
        guard let gain = object["gainDB"] as? NSNumber, (-60...0).contains(gain.doubleValue) else {
            throw self.error("echo.gainDB", "expected the echo's gain in dB, −60…0")
        }
        return EchoPath(delayMilliseconds: delay, gainDB: gain.doubleValue)
    }

    func expectation(_ value: Any?) throws(ScenarioError) -> ScenarioExpectation {
        guard let value else { throw self.error("expect", "is missing: what the call must come to") }
        let object = try self.object(value, at: "expect")
        try self.refuseUnknownKeys(
            object, allowed: ["intent", "urgent", "outcome", "doctor", "weekday", "period", "transferred"],
            at: "expect")
        let outcome = try self.text(object, "outcome", at: "expect")
        guard ScenarioExpectation.outcomes.contains(outcome) else {
            throw self.error(
                "expect.outcome",
                "'\(outcome)' is not an outcome (one of \(ScenarioExpectation.outcomes.joined(separator: ", ")))")
        }
        let weekday = try self.optionalText(object, "weekday", at: "expect")
        if let weekday, Weekday(rawValue: weekday) == nil {
            throw self.error("expect.weekday", "'\(weekday)' is not a weekday (monday … sunday)")
        }
        let period = try self.optionalText(object, "period", at: "expect")
        if let period, !["morning", "afternoon", "evening"].contains(period) {
            throw self.error("expect.period", "'\(period)' is not morning, afternoon or evening")
        }
        return ScenarioExpectation(
            intent: try self.optionalText(object, "intent", at: "expect"),
            isUrgent: try self.optionalBool(object, "urgent", at: "expect"), outcome: outcome,
            doctor: try self.optionalText(object, "doctor", at: "expect"), weekday: weekday, period: period,
            isTransferred: try self.optionalBool(object, "transferred", at: "expect"))
    }
}

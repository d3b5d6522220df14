import Foundation

/// Walks a decoded JSON tree into a `PracticeConfiguration`, refusing the first problem with its field path.
///
/// Unknown keys are refused, not ignored: a misspelt `openingHour` would otherwise leave the practice closed
/// without a word. The reason suggests the nearest known key. Fields are checked in the README's order, and unknown
/// keys first, sorted, so a file always gives the same error.
enum PracticeConfigurationReader {
    typealias Fields = [String: JSONValue]

    /// The top-level keys, in the order they are checked.
    static let topLevelKeys = [
        "name", "address", "directions", "phone", "timeZone", "openingHours", "exceptions", "doctors", "services",
        "faq", "emergencyNumber", "transferTargets", "afterHours",
    ]

    static func configuration(from tree: JSONValue) throws(PracticeConfigurationError) -> PracticeConfiguration {
        let root = FieldPath.root
        guard case .object(let fields) = tree else {
            throw root.error("the configuration must be a JSON object ({ … }), not \(tree.kindDescription)")
        }
        try self.rejectUnknownKeys(fields, at: root, allowed: self.topLevelKeys, noun: "field")

        let name = try self.requiredText(fields, "name", at: root, hint: "the practice's name")
        let address = try self.requiredText(fields, "address", at: root, hint: "the street address")
        let directions = try self.optionalText(fields, "directions", at: root)
        let phone = try self.phoneNumber(fields, "phone", at: root)
        let timeZone = try self.timeZone(fields, at: root)

        let openingHours = try self.weeklyHours(
            self.required(
                fields, "openingHours", at: root, hint: "hours per weekday, e.g. {\"monday\": \"08:30-18:00\"}"),
            at: root.member("openingHours"))
        let exceptions = try self.exceptions(fields["exceptions"], at: root.member("exceptions"))
        let doctors = try self.doctors(
            self.required(fields, "doctors", at: root, hint: "a list of doctors"), openingHours: openingHours,
            at: root.member("doctors"))

        let services = try self.services(fields["services"], at: root.member("services"))
        let faq = try self.faq(fields["faq"], at: root.member("faq"))
        let emergencyNumber = try self.emergencyNumber(fields, at: root)
        let transferTargets = try self.transferTargets(fields["transferTargets"], at: root.member("transferTargets"))
        let afterHours = try self.afterHours(
            fields["afterHours"], transferTargets: transferTargets, at: root.member("afterHours"))

        return PracticeConfiguration(
            name: name, address: address, directions: directions, phone: phone, timeZone: timeZone,
            openingHours: openingHours, exceptions: exceptions, doctors: doctors, services: services, faq: faq,
            emergencyNumber: emergencyNumber, transferTargets: transferTargets, afterHours: afterHours)
    }

    // MARK: - Plain fields

    static func timeZone(_ fields: Fields, at path: FieldPath) throws(PracticeConfigurationError) -> TimeZone {
        let identifier = try self.requiredText(
            fields, "timeZone", at: path, hint: "an IANA name such as America/New_York")
        let isKnown =
            identifier == "UTC" || identifier == "GMT" || TimeZone.knownTimeZoneIdentifiers.contains(identifier)
        guard isKnown, let zone = TimeZone(identifier: identifier) else {
            throw path.member("timeZone").error(
                "'\(identifier)' is not a time zone (an IANA name such as America/New_York or Europe/London)")
        }
        return zone
    }

    static func phoneNumber(
        _ fields: Fields, _ key: String, at path: FieldPath
    ) throws(PracticeConfigurationError) -> String {
        let number = try self.requiredText(fields, key, at: path, hint: "a phone number")
        guard self.isPhoneNumber(number) else {
            throw path.member(key).error(
                "'\(number)' is not a phone number or extension (digits, with + - ( ) . and spaces)")
        }
        return number
    }

    static func emergencyNumber(_ fields: Fields, at path: FieldPath) throws(PracticeConfigurationError) -> String {
        let number = try self.requiredText(fields, "emergencyNumber", at: path, hint: "the emergency number, e.g. 911")
        guard number.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw path.member("emergencyNumber").error("'\(number)' is not an emergency number (digits only, e.g. 911)")
        }
        return number
    }

    /// Digits with `+` (first only), `-`, `(`, `)`, `.` and spaces, and at least one digit.
    static func isPhoneNumber(_ text: String) -> Bool {
        var digitCount = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if ("0"..."9").contains(scalar) {
                digitCount += 1
            } else if scalar == "+" {
                guard offset == 0 else { return false }
            } else if !"-(). ".unicodeScalars.contains(scalar) {
                return false
            }
        }
        return digitCount > 0
    }

    static func services(_ value: JSONValue?, at path: FieldPath) throws(PracticeConfigurationError) -> [String] {
        guard let value else { return [] }
        let items = try self.list(value, at: path, of: "service names")
        var services: [String] = []
        for (index, item) in items.enumerated() {
            let service = try self.text(item, at: path.element(index))
            if let earlier = services.firstIndex(where: { $0.lowercased() == service.lowercased() }) {
                throw path.element(index).error("'\(service)' is listed twice (also services[\(earlier)])")
            }
            services.append(service)
        }
        return services
    }

    static func faq(_ value: JSONValue?, at path: FieldPath) throws(PracticeConfigurationError) -> [String: String] {
        guard let value else { return [:] }
        guard case .object(let fields) = value else {
            throw path.error("expected an object of answers by question key, found \(value.kindDescription)")
        }
        var answers: [String: String] = [:]
        for key in fields.keys.sorted() {
            let keyPath = path.member(key)
            guard !key.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw keyPath.error("the question key is empty")
            }
            answers[key] = try self.text(fields[key] ?? .null, at: keyPath)
        }
        return answers
    }

    static func transferTargets(
        _ value: JSONValue?, at path: FieldPath
    ) throws(PracticeConfigurationError) -> [TransferTarget] {
        guard let value else { return [] }
        let items = try self.list(value, at: path, of: "transfer targets ({\"name\": …, \"number\": …})")
        var targets: [TransferTarget] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.element(index)
            let fields = try self.object(item, at: itemPath, allowed: ["name", "number"])
            let name = try self.requiredText(fields, "name", at: itemPath, hint: "who it is, e.g. Reception")
            if let earlier = targets.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                throw itemPath.member("name").error("'\(name)' is listed twice (also transferTargets[\(earlier)])")
            }
            let number = try self.phoneNumber(fields, "number", at: itemPath)
            targets.append(TransferTarget(name: name, number: number))
        }
        return targets
    }

    static func afterHours(
        _ value: JSONValue?, transferTargets: [TransferTarget], at path: FieldPath
    ) throws(PracticeConfigurationError) -> AfterHoursAction {
        guard let value else { return .emergencyInstructionsThenMessage }
        let transferForm = "{\"action\": \"transfer\", \"target\": NAME} with NAME one of transferTargets"

        let actionName: String
        var targetName: String?
        switch value {
        case .string(let text):
            actionName = text
        case .object(let fields):
            try self.rejectUnknownKeys(fields, at: path, allowed: ["action", "target"], noun: "field")
            actionName = try self.requiredText(
                fields, "action", at: path, hint: AfterHoursAction.names.joined(separator: ", "))
            targetName = try self.optionalText(fields, "target", at: path)
        default:
            throw path.error(
                "expected one of \(AfterHoursAction.names.joined(separator: ", ")), found \(value.kindDescription)")
        }

        switch actionName {
        case "takeMessage", "emergencyInstructionsThenMessage":
            guard targetName == nil else {
                throw path.member("target").error("a target only goes with \"action\": \"transfer\"")
            }
            return actionName == "takeMessage" ? .takeMessage : .emergencyInstructionsThenMessage
        case "transfer":
            guard let targetName else { throw path.error("transfer needs a target: write \(transferForm)") }
            guard let target = transferTargets.first(where: { $0.name.lowercased() == targetName.lowercased() }) else {
                let names =
                    transferTargets.isEmpty ? "there are none" : transferTargets.map(\.name).joined(separator: ", ")
                throw path.member("target").error("'\(targetName)' is not one of transferTargets (\(names))")
            }
            return .transfer(target: target.name)
        default:
            let actionPath = value.isObject ? path.member("action") : path
            let suggestion = self.suggestion(for: actionName, among: AfterHoursAction.names)
            let expected = AfterHoursAction.names.joined(separator: ", ")
            throw actionPath.error(
                "unknown value '\(actionName)'" + (suggestion.isEmpty ? " (expected \(expected))" : suggestion))
        }
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

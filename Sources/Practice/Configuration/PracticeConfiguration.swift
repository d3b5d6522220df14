import Foundation

/// Everything the receptionist knows about one practice: who it is, when it is open, its doctors and what to do
/// with a call it cannot handle.
///
/// A configuration is only made by decoding JSON (`init(json:)`, `init(contentsOf:)`) or from the embedded default
/// (`PracticeConfiguration.default`), so every value has been validated: the hours are in order, every doctor's
/// hours lie inside the opening hours and hold a whole number of appointments, names are unique. The file format
/// is described in the README's "The practice" section; `fixtures/practice/riverside.json` is a complete example.
///
/// Not real-time safe: control thread only. A value type; safe to share between tasks.
public struct PracticeConfiguration: Sendable, Equatable {
    /// The practice's name as the agent says it, for example `Riverside Family Practice`.
    public let name: String

    /// The street address, as the agent reads it out.
    public let address: String

    /// How to find the practice (landmarks, parking, transit); `nil` when the file gives none.
    public let directions: String?

    /// The practice's own phone number.
    public let phone: String

    /// The practice's time zone: opening hours, exceptions and doctors' hours are all on its wall clock.
    public let timeZone: TimeZone

    /// The regular opening hours per weekday.
    public let openingHours: WeeklyHours

    /// Dated changes to the opening hours (holidays, short days), one per date, in date order.
    public let exceptions: [HoursException]

    /// The doctors, in the file's order; at least one.
    public let doctors: [Doctor]

    /// What the practice offers, in the file's order (`Blood tests`); may be empty.
    public let services: [String]

    /// Answers to common questions by question key (`parking`, `hours`, `address`).
    public let faq: [String: String]

    /// The number to tell callers to ring in an emergency (`911`): digits only.
    public let emergencyNumber: String

    /// The people a call can be handed to, in the file's order; may be empty.
    public let transferTargets: [TransferTarget]

    /// What happens to calls while the practice is closed.
    public let afterHours: AfterHoursAction

    /// Members in the order the reader checks them.
    init(
        name: String, address: String, directions: String?, phone: String, timeZone: TimeZone,
        openingHours: WeeklyHours, exceptions: [HoursException], doctors: [Doctor], services: [String],
        faq: [String: String], emergencyNumber: String, transferTargets: [TransferTarget], afterHours: AfterHoursAction
    ) {
        self.name = name
        self.address = address
        self.directions = directions
        self.phone = phone
        self.timeZone = timeZone
        self.openingHours = openingHours
        self.exceptions = exceptions
        self.doctors = doctors
        self.services = services
        self.faq = faq
        self.emergencyNumber = emergencyNumber
        self.transferTargets = transferTargets
        self.afterHours = afterHours
    }

    /// Decodes and validates a configuration from JSON text.
    ///
    /// - Throws: `PracticeConfigurationError` naming the first problem found: the field's path and the reason.
    ///   Fields are checked in the order the README lists them, so the same file always gives the same error.
    public init(json data: Data) throws(PracticeConfigurationError) {
        let tree: JSONValue
        do {
            tree = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw PracticeConfigurationError("", "not valid JSON: \(Self.describe(error, in: data))")
        }
        self = try PracticeConfigurationReader.configuration(from: tree)
    }

    /// Reads, decodes and validates a configuration file.
    ///
    /// - Throws: `PracticeConfigurationError`; when the file cannot be read, the reason says so and the path is
    ///   empty.
    public init(contentsOf url: URL) throws(PracticeConfigurationError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PracticeConfigurationError("", "cannot read the file (\(error.localizedDescription))")
        }
        try self.init(json: data)
    }

    /// The doctor with exactly this display name, or `nil`.
    public func doctor(withName name: String) -> Doctor? {
        self.doctors.first { $0.name == name }
    }

    /// The transfer target with this name (ignoring case), or `nil`.
    public func transferTarget(named name: String) -> TransferTarget? {
        self.transferTargets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Why the text is not JSON, in the parser's words.
    ///
    /// `JSONDecoder` says only that the data is not valid; `JSONSerialization` says where ("Invalid value around
    /// character 9."), so its message is preferred when it has one.
    private static func describe(_ error: any Error, in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        guard case DecodingError.dataCorrupted(let context) = error else { return "\(error)" }
        return context.debugDescription
    }
}

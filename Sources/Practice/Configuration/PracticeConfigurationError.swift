/// Why a practice configuration was refused: where in the file, and what is wrong there.
///
/// `fieldPath` follows the JSON from the top (`doctors[1].hours.tuesday`, `openingHours.monday[0]`,
/// `faq["where do I park"]`); it is empty when the problem is the file as a whole (not JSON, not an object). The
/// description is what the CLI prints, for example
/// `doctors[1].hours.tuesday: 07:00-12:00 starts before the practice opens (08:30)`.
public struct PracticeConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is; empty for the whole file.
    public let fieldPath: String

    /// What is wrong, in words for the person editing the file.
    public let reason: String

    /// An error at `fieldPath`.
    public init(_ fieldPath: String, _ reason: String) {
        self.fieldPath = fieldPath
        self.reason = reason
    }

    /// `path: reason`, or the reason alone for the whole file.
    public var description: String { self.fieldPath.isEmpty ? self.reason : "\(self.fieldPath): \(self.reason)" }
}

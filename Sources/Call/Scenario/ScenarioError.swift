import Foundation

/// Why a scenario file cannot be replayed: the file, where in it, and what is wrong.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file.
    public var path: String

    /// The field, as a dotted path (`answers.time[1]`); empty for the file as a whole.
    public var field: String

    /// What is wrong, in words a person can act on.
    public var reason: String

    public init(path: String, field: String, reason: String) {
        self.path = path
        self.field = field
        self.reason = reason
    }

    public var description: String {
        self.field.isEmpty ? "\(self.path): \(self.reason)" : "\(self.path): \(self.field): \(self.reason)"
    }
}

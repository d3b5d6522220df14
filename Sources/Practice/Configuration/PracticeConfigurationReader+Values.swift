import AudioCore
import Foundation

/// The reader's building blocks: typed access to a JSON object's members with the path of each.
extension PracticeConfigurationReader {
    /// The members of an object, refusing keys outside `allowed`.
    static func object(
        _ value: JSONValue, at path: FieldPath, allowed: [String]
    ) throws(PracticeConfigurationError) -> Fields {
        guard case .object(let fields) = value else {
            throw path.error(
                "expected an object with \(allowed.joined(separator: ", ")), found \(value.kindDescription)")
        }
        try self.rejectUnknownKeys(fields, at: path, allowed: allowed, noun: "field")
        return fields
    }

    /// Fails on the first key (sorted) that is not in `allowed`, suggesting the nearest known one.
    static func rejectUnknownKeys(
        _ fields: Fields, at path: FieldPath, allowed: [String], noun: String
    ) throws(PracticeConfigurationError) {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let suggestion = self.suggestion(for: key, among: allowed)
            let expected = suggestion.isEmpty ? " (expected \(allowed.joined(separator: ", ")))" : suggestion
            throw path.member(key).error("unknown \(noun)\(expected)")
        }
    }

    /// " (did you mean 'x'?)" for a known word within two edits or differing only in case, else "".
    static func suggestion(for word: String, among known: [String]) -> String {
        let scored = known.map { ($0, $0.lowercased() == word.lowercased() ? 0 : editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// The member `key`, or an error saying it is missing and what belongs there.
    static func required(
        _ fields: Fields, _ key: String, at path: FieldPath, hint: String
    ) throws(PracticeConfigurationError) -> JSONValue {
        guard let value = fields[key] else { throw path.member(key).error("missing (\(hint))") }
        return value
    }

    /// A required, non-blank string member, trimmed.
    static func requiredText(
        _ fields: Fields, _ key: String, at path: FieldPath, hint: String
    ) throws(PracticeConfigurationError) -> String {
        try self.text(self.required(fields, key, at: path, hint: hint), at: path.member(key))
    }

    /// An optional, non-blank string member, trimmed; `nil` when absent.
    static func optionalText(
        _ fields: Fields, _ key: String, at path: FieldPath
    ) throws(PracticeConfigurationError) -> String? {
        guard let value = fields[key] else { return nil }
        return try self.text(value, at: path.member(key))
    }

    /// A non-blank string, trimmed.
    static func text(_ value: JSONValue, at path: FieldPath) throws(PracticeConfigurationError) -> String {
        guard case .string(let raw) = value else {
            throw path.error("expected a string, found \(value.kindDescription)")
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw path.error("is empty") }
        return text
    }

    /// The elements of a list.
    static func list(
        _ value: JSONValue, at path: FieldPath, of what: String
    ) throws(PracticeConfigurationError) -> [JSONValue] {
        guard case .array(let items) = value else {
            throw path.error("expected a list of \(what), found \(value.kindDescription)")
        }
        return items
    }
}

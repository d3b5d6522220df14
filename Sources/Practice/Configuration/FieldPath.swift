import Foundation

/// Where a value sits in the configuration file, written the way a person finds it: `doctors[1].hours.tuesday`.
struct FieldPath: Sendable, Equatable, CustomStringConvertible {
    private var text = ""

    /// The whole file.
    static let root = FieldPath()

    /// The member `key` of the object at this path; keys that are not plain words are quoted (`faq["x y"]`).
    func member(_ key: String) -> FieldPath {
        var path = self
        let isPlain =
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        if isPlain {
            path.text += (self.text.isEmpty ? "" : ".") + key
        } else {
            let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            path.text += "[\"\(escaped)\"]"
        }
        return path
    }

    /// The element at `index` of the list at this path.
    func element(_ index: Int) -> FieldPath {
        var path = self
        path.text += "[\(index)]"
        return path
    }

    /// An error at this path.
    func error(_ reason: String) -> PracticeConfigurationError {
        PracticeConfigurationError(self.text, reason)
    }

    var description: String { self.text }
}

/// Why the speech-embedding weight file could not be found or read.
///
/// Every case names the file (or the places searched), and its `description` says what to do next, so the CLI and
/// the tests can print it as it is.
///
/// Not real-time safe: control thread only.
public enum SpeechEmbeddingWeightsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No `models/speech-embedding.bin` in any place searched.
    case notFound(searched: [String])
    /// Nothing exists at the path given.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file does not start with `ATSE`: not a weight file.
    case wrongMagic(path: String)
    /// A format version this build cannot read.
    case unsupportedVersion(path: String, version: Int)
    /// The file ends inside `what`, at `byteOffset`.
    case truncated(path: String, byteOffset: Int, what: String)
    /// Bytes follow the last tensor the header announced.
    case trailingBytes(path: String, byteCount: Int)
    /// A tensor name or rank that cannot be decoded.
    case malformedTensor(path: String, byteOffset: Int, reason: String)
    /// The same tensor name appears twice.
    case duplicateTensor(path: String, name: String)
    /// A tensor the network needs is absent.
    case missingTensor(path: String, name: String)
    /// A tensor has other dimensions than the network's.
    case wrongShape(path: String, name: String, expected: [Int], actual: [Int])
    /// A tensor holds NaN or an infinity.
    case nonFiniteValue(path: String, name: String, index: Int)

    /// What to run to make the file.
    public static let remedy = "run tools/fetch-speech-embedding (tools/setup runs it)"

    public var description: String {
        switch self {
        case .notFound(let searched):
            let places = searched.joined(separator: ", ")
            return "speech-embedding weights not found (looked for \(places)): \(Self.remedy)"
        case .fileNotFound(let path):
            return "\(path): no such file: \(Self.remedy)"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the speech-embedding weights (\(reason))"
        case .wrongMagic(let path):
            return "\(path): not a speech-embedding weight file (it does not start with ATSE): \(Self.remedy)"
        case .unsupportedVersion(let path, let version):
            return "\(path): weight file version \(version); this build reads version 1: \(Self.remedy)"
        case .truncated(let path, let offset, let what):
            return "\(path): the file ends at byte \(offset), inside \(what): \(Self.remedy) --force"
        case .trailingBytes(let path, let count):
            return "\(path): \(count) bytes after the last tensor: \(Self.remedy) --force"
        case .malformedTensor(let path, let offset, let reason):
            return "\(path): the tensor at byte \(offset) is malformed (\(reason)): \(Self.remedy) --force"
        case .duplicateTensor(let path, let name):
            return "\(path): tensor \(name) appears twice: \(Self.remedy) --force"
        case .missingTensor(let path, let name):
            return "\(path): no tensor \(name): \(Self.remedy) --force"
        case .wrongShape(let path, let name, let expected, let actual):
            return "\(path): tensor \(name) has dimensions \(actual), the network needs \(expected)"
        case .nonFiniteValue(let path, let name, let index):
            return "\(path): tensor \(name) holds a NaN or infinity at index \(index): \(Self.remedy) --force"
        }
    }
}

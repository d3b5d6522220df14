/// Why recognition could not run.
public enum RecognitionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The en-us model or its dictionary is not installed.
    case modelMissing(path: String)
    /// Words a grammar uses have no pronunciation in the dictionary.
    case unknownWords([String], context: String)
    /// pocketsphinx refused the model, dictionary or grammar, or failed while decoding.
    case decoderFailed(String)
    /// A context name that does not exist.
    case unknownContext(String)
    /// Audio at a rate the recognizer cannot take.
    case unsupportedSampleRate(Int)

    public var description: String {
        switch self {
        case .modelMissing(let path):
            return "the pocketsphinx en-us model is missing at \(path); run tools/setup (package pocketsphinx-en-us)"
        case .unknownWords(let words, let context):
            return "the \(context) grammar uses words the dictionary does not know: \(words.joined(separator: ", "))"
        case .decoderFailed(let reason):
            return reason
        case .unknownContext(let name):
            return "no recognition context '\(name)'; contexts: "
                + RecognitionContext.allCases.map(\.rawValue).joined(separator: ", ")
        case .unsupportedSampleRate(let rate):
            return "the recognizer takes 8000 or 16000 Hz audio, not \(rate) Hz"
        }
    }
}

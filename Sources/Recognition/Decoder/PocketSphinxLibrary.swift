import CPocketSphinx
import Foundation

/// pocketsphinx and its Debian en-us model.
///
/// Not real-time safe: control thread only.
public enum PocketSphinxLibrary {
    /// Where Debian's `pocketsphinx-en-us` package installs the acoustic model, dictionary and language model.
    public static let modelDirectory = ATTENDANT_PS_MODEL_DIRECTORY

    /// The acoustic model folder.
    public static var acousticModelPath: String { modelDirectory + "/en-us" }

    /// The general English trigram language model, for the `open` context.
    public static var languageModelPath: String { modelDirectory + "/en-us.lm.bin" }

    /// The phone language model, for the phone loop a confidence is measured against.
    public static var phoneLanguageModelPath: String { modelDirectory + "/en-us-phone.lm.bin" }

    /// The full pronunciation dictionary.
    public static var dictionaryPath: String { modelDirectory + "/cmudict-en-us.dict" }

    /// Whether the model files are installed.
    public static var isModelInstalled: Bool {
        FileManager.default.fileExists(atPath: acousticModelPath + "/mdef")
            && FileManager.default.fileExists(atPath: dictionaryPath)
    }

    /// Parses decoder options given as "-name", "value" pairs, the way `cmd_ln_init` would.
    ///
    /// - Returns: the configuration, or `nil` when an option is unknown or a value is invalid. The caller frees it
    ///   with `cmd_ln_free_r`.
    public static func makeConfiguration(_ options: [String]) -> OpaquePointer? {
        var arguments = options.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        return arguments.withUnsafeMutableBufferPointer { buffer in
            attendant_ps_config(Int32(buffer.count), buffer.baseAddress)
        }
    }
}

import AudioCore
import CEspeakNG

/// The espeak-ng speech synthesizer.
///
/// Not real-time safe: control thread only. espeak-ng keeps global state, so every call into it goes through
/// `EspeakLibrary.lock`.
public enum EspeakLibrary {
    /// The library's version string, for example "1.51".
    public static var version: String {
        var dataPath: UnsafePointer<CChar>?
        return String(cString: espeak_Info(&dataPath))
    }

    /// Initializes espeak-ng for synchronous synthesis into a callback.
    ///
    /// - Returns: the synthesizer's output sample rate, or `nil` when its data files are missing.
    public static func initializeForSynthesis() -> Int? {
        self.lock.withLock { sampleRate in
            if sampleRate == nil {
                let result = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0)
                sampleRate = result > 0 ? Int(result) : nil
            }
            return sampleRate
        }
    }

    /// Serializes all use of the library; holds its output sample rate once initialized.
    static let lock = Locked<Int?>(nil)
}

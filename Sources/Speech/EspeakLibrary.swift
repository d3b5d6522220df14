import CEspeakNG

/// The espeak-ng speech synthesizer.
///
/// Not real-time safe: control thread only. espeak-ng keeps global state, so all calls into it belong on one
/// thread or behind one lock held by the caller.
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
        let sampleRate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0)
        return sampleRate > 0 ? Int(sampleRate) : nil
    }
}

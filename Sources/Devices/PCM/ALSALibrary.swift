import CALSA

/// The ALSA library as linked into this binary.
///
/// Not real-time safe: control thread only.
public enum ALSALibrary {
    /// ALSA's own version string, for example "1.2.8".
    public static var version: String { String(cString: snd_asoundlib_version()) }

    /// Stops ALSA printing its own messages to standard error; failures reach Swift as return codes instead.
    public static func silenceLibraryMessages() {
        _ = attendant_alsa_silence_errors()
    }

    /// ALSA's message for a negative error code returned by one of its functions.
    public static func message(forErrorCode code: Int32) -> String {
        String(cString: snd_strerror(code))
    }
}

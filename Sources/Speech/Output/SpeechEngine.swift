/// Which synthesizer speaks a prompt, and with which voice.
public enum SpeechEngine: Sendable, Hashable {
    /// flite with one of the voices linked into this binary; `slt` is the default voice.
    case flite(FliteLibrary.VoiceName)
    /// espeak-ng with one of its voices by name, for example `en-us`.
    case espeak(voiceName: String)

    /// flite's slt voice, the default engine.
    public static let `default` = SpeechEngine.flite(.slt)
}

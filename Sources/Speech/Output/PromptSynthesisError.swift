/// Why a prompt could not be synthesized.
public enum PromptSynthesisError: Error, Sendable, Hashable {
    /// The text was empty or only white space. Speak something, or skip the prompt: no engine is asked for
    /// silence.
    case emptyText
    /// The engine refused the voice (flite did not register it, or espeak-ng lacks its data files). Check that
    /// the voice's package is installed, or pick another voice.
    case voiceUnavailable(SpeechEngine)
    /// The engine ran but returned no samples for the text.
    case noSamples(SpeechEngine, text: String)
    /// The engine's output rate could not be converted to the prompt rate.
    case unsupportedSampleRate(Int)
}

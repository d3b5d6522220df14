/// Turns text into 16 kHz mono 16-bit samples with flite or espeak-ng.
///
/// With flite the same text gives the same samples every time: its noise source is reseeded before each utterance
/// (see `FliteLibrary.synthesize`). Output at another rate (espeak-ng speaks at 22 050 Hz) is resampled to
/// `sampleRate`.
///
/// TODO: espeak-ng's samples differ slightly from one utterance of the same text to the next (measured: the
/// second "Please hold." differs from the first), so a cached espeak prompt is only as stable as its first
/// synthesis; the cause (noise or state carried between utterances) is not yet found.
///
/// ```swift
/// let synthesizer = PromptSynthesizer()  // flite, slt
/// let samples = try synthesizer.synthesize("Riverside Family Practice, how can I help?")
/// ```
///
/// Not real-time safe: control thread only. Both libraries keep global state behind their own lock, so
/// synthesizers on many threads take turns; a sentence takes tens of milliseconds, never run it on the audio
/// thread.
public struct PromptSynthesizer: Sendable {
    /// The rate of every synthesized prompt, in hertz.
    public static let sampleRate = 16_000

    /// The engine and voice that speak.
    public var engine: SpeechEngine

    /// A synthesizer for `engine`, flite's slt voice unless told otherwise.
    public init(engine: SpeechEngine = .default) {
        self.engine = engine
    }

    /// `text` spoken by the engine, at `sampleRate`, mono.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `PromptSynthesisError.emptyText` for empty or blank text, `.voiceUnavailable` when the engine
    ///   refuses the voice, `.noSamples` when it gives nothing, `.unsupportedSampleRate` when its rate cannot be
    ///   converted.
    public func synthesize(_ text: String) throws(PromptSynthesisError) -> [Int16] {
        guard text.contains(where: { !$0.isWhitespace }) else { throw .emptyText }

        let wave: (samples: [Int16], sampleRate: Int)?
        switch self.engine {
        case .flite(let voiceName):
            guard let voice = FliteVoices.shared.voice(voiceName) else { throw .voiceUnavailable(self.engine) }
            wave = FliteLibrary.synthesize(text, voice: voice)
        case .espeak(let voiceName):
            guard EspeakLibrary.initializeForSynthesis() != nil else { throw .voiceUnavailable(self.engine) }
            wave = EspeakLibrary.synthesize(text, voiceName: voiceName)
        }
        guard let wave, !wave.samples.isEmpty else { throw .noSamples(self.engine, text: text) }

        do {
            return try PromptResampling.resample(wave.samples, from: wave.sampleRate, to: Self.sampleRate)
        } catch {
            throw .unsupportedSampleRate(wave.sampleRate)
        }
    }
}

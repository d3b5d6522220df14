import Speech
import Testing

@Suite("Prompt synthesizer")
struct PromptSynthesizerTests {
    @Test("flite gives the same samples for the same text, at 16 kHz")
    func fliteIsDeterministic() throws {
        let synthesizer = PromptSynthesizer()
        let first = try synthesizer.synthesize("Riverside Family Practice, how can I help?")
        let second = try synthesizer.synthesize("Riverside Family Practice, how can I help?")

        #expect(first == second)
        // About two seconds of speech: far more than a second, far less than ten.
        #expect(first.count > PromptSynthesizer.sampleRate && first.count < 10 * PromptSynthesizer.sampleRate)
    }

    @Test("espeak-ng speaks the text, resampled to 16 kHz")
    func espeakSpeaks() throws {
        try #require(EspeakLibrary.initializeForSynthesis() != nil, "espeak-ng data is missing")
        let synthesizer = PromptSynthesizer(engine: .espeak(voiceName: "en-us"))
        let first = try synthesizer.synthesize("Please hold.")
        let second = try synthesizer.synthesize("Please hold.")

        // Not sample-identical: see the TODO on `PromptSynthesizer`. The lengths agree within 100 ms.
        #expect(abs(first.count - second.count) < PromptSynthesizer.sampleRate / 10)
        #expect(first.count > PromptSynthesizer.sampleRate / 4 && first.count < 5 * PromptSynthesizer.sampleRate)
    }

    @Test("empty or blank text is refused, not spoken as silence")
    func emptyTextIsRefused() {
        #expect(throws: PromptSynthesisError.emptyText) { try PromptSynthesizer().synthesize("") }
        #expect(throws: PromptSynthesisError.emptyText) { try PromptSynthesizer().synthesize("  \n") }
    }
}

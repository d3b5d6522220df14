import Dialogue
import Speech

/// The agent's voice: a prompt as 16 kHz samples, fixed prompts from the shared cache and the rest synthesized
/// on demand.
///
/// Not real-time safe: synthesizes. Call side only, never the audio thread.
struct PromptVoice: Sendable {
    let cache: PromptCache
    let engine: SpeechEngine

    /// The prompt's audio in -1…1 at `CallFrontEnd.sampleRate`.
    ///
    /// - Throws: `CallError.speech` when the engine cannot say it.
    func samples(for prompt: Prompt) throws(CallError) -> [Float] {
        let pcm: [Int16]
        do {
            if prompt.isFixed {
                let encoded = try self.cache.prompt(
                    key: prompt.key, text: prompt.text, engine: self.engine, codec: .pcm16)
                guard case .bytes(let bytes) = encoded.payload else { return [] }
                pcm = stride(from: 0, to: bytes.count - 1, by: 2).map {
                    Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
                }
            } else {
                pcm = try PromptSynthesizer(engine: self.engine).synthesize(prompt.text)
            }
        } catch {
            throw .speech("\(prompt.key): \(error)")
        }
        return pcm.map { Float($0) / 32768 }
    }
}

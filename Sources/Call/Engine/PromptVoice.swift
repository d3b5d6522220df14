import Dialogue
import Speech

/// The agent's voice: a prompt as 16 kHz samples, fixed prompts from the shared cache and the rest synthesized
/// on demand. On a coded line (`LineCodec`) a prompt is encoded as the line's codec (fixed ones once, in the cache)
/// and decoded again: the samples are what the caller's phone plays, and what comes back as echo.
///
/// Not real-time safe: synthesizes. Call side only, never the audio thread.
struct PromptVoice: Sendable {
    let cache: PromptCache
    let engine: SpeechEngine
    var line: LineCodec = .linear16
    /// The prompts as played, shared by every call of a server; `nil` makes each one afresh.
    var played: PromptSamplesCache? = nil

    /// The prompt's audio in -1…1 at `CallFrontEnd.sampleRate`.
    ///
    /// - Throws: `CallError.speech` when the engine cannot say it.
    func samples(for prompt: Prompt) throws(CallError) -> [Float] {
        guard let played = self.played else { return try self.made(prompt) }
        return try played.samples(for: .init(prompt: prompt, engine: self.engine, line: self.line)) {
            () throws(CallError) in try self.made(prompt)
        }
    }

    /// The prompt's audio made now: a fixed prompt decoded from the cache, any other synthesized and coded.
    private func made(_ prompt: Prompt) throws(CallError) -> [Float] {
        let pcm: [Int16]
        do {
            if prompt.isFixed {
                pcm = try self.cache.prompt(
                    key: prompt.key, text: prompt.text, engine: self.engine, codec: self.line.promptCodec
                ).decodedSamples()
            } else {
                let synthesized = try PromptSynthesizer(engine: self.engine).synthesize(prompt.text)
                pcm =
                    self.line == .linear16
                    ? synthesized
                    : try EncodedPrompt.encoding(synthesized, as: self.line.promptCodec).decodedSamples()
            }
        } catch {
            throw .speech("\(prompt.key): \(error)")
        }
        return Self.trimmed(pcm).map { Float($0) / 32768 }
    }

    /// Silence kept before a prompt's first sound: the engines open with a pause of a fifth of a second or more,
    /// which a caller waiting for an answer hears as latency.
    static let leadingSilenceFrameCount = CallFrontEnd.sampleRate / 100

    /// Silence kept after a prompt's last sound, so the next prompt or the caller's turn does not clip it.
    static let trailingSilenceFrameCount = CallFrontEnd.sampleRate / 10

    /// Below this (-50 dBFS) a synthesized sample is silence.
    static let silenceLevel: Int16 = 100

    // TODO: the trim happens here, after the cache, so prompts cached as G.711 or Opus for packet calls still open
    // with the engine's 230 ms of silence. It belongs in synthesis, but the corpus and training tools synthesize
    // through the same `PromptSynthesizer`, and trimming there would change what they reproduce.
    /// `pcm` without its leading and trailing silence beyond `leadingSilenceFrameCount` and
    /// `trailingSilenceFrameCount`.
    static func trimmed(_ pcm: [Int16]) -> ArraySlice<Int16> {
        guard let first = pcm.firstIndex(where: { abs(Int($0)) > Int(Self.silenceLevel) }),
            let last = pcm.lastIndex(where: { abs(Int($0)) > Int(Self.silenceLevel) })
        else { return pcm[...] }
        return pcm[
            max(
                0, first - Self.leadingSilenceFrameCount)...min(
                    pcm.count - 1, last + Self.trailingSilenceFrameCount)]
    }

    /// Synthesizes every fixed prompt into the cache, so no caller waits for one.
    ///
    /// - Throws: `CallError.speech` when the engine cannot say one.
    func warm(_ prompts: [Prompt]) throws(CallError) {
        for prompt in prompts where prompt.isFixed { _ = try self.samples(for: prompt) }
    }
}

/// Why the prompt cache could not give a prompt.
public enum PromptCacheError: Error, Sendable {
    /// The text could not be synthesized; see the wrapped reason.
    case synthesis(PromptSynthesisError)
    /// The samples could not be encoded for the codec: an Opus setting the encoder refused, or a rate the
    /// resampler does not take. The reason names the failing library call; fix the codec's configuration.
    case encoding(codec: PromptCodec, reason: String)
    /// An encoded prompt could not be decoded back to samples: a packet the decoder refused, or a rate the
    /// resampler does not take. The reason names the failing call.
    case decoding(codec: PromptCodec, reason: String)
}

/// Something the agent says: a key that names the prompt and the text to synthesize.
///
/// A fixed prompt's text depends only on the practice configuration (the greeting, the reprompts, the safety
/// instruction), so speech output can synthesize it once per practice and cache it under its key. A dynamic prompt
/// carries call-specific parts (a slot offered, a read-back) and is synthesized on demand.
public struct Prompt: Sendable, Hashable {
    /// Names the prompt, for example `greeting` or `reprompt.time.1`; dynamic prompts share a key per kind.
    public var key: String

    /// What to say.
    public var text: String

    /// Whether `text` is the same on every call to this practice, so it may be cached by `key`.
    public var isFixed: Bool

    /// A prompt.
    public init(key: String, text: String, isFixed: Bool) {
        self.key = key
        self.text = text
        self.isFixed = isFixed
    }
}

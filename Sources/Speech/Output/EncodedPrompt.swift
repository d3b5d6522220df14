/// A synthesized prompt, encoded for one codec and ready to send.
public struct EncodedPrompt: Sendable, Hashable {
    /// The codec of `payload`.
    public var codec: PromptCodec

    /// Frames of audio the prompt holds at `codec.sampleRate`, before any Opus padding of the last packet.
    public var frameCount: Int

    /// The encoded audio.
    public var payload: Payload

    /// Encoded audio: one byte stream for PCM and G.711, one payload per packet for Opus.
    public enum Payload: Sendable, Hashable {
        /// PCM or G.711 bytes, in play order.
        case bytes([UInt8])
        /// Opus packets, one per `OpusEncoder.Configuration.frameDuration`, in play order.
        case packets([[UInt8]])
    }

    /// Bytes the payload occupies, for the cache's statistics.
    public var byteCount: Int {
        switch self.payload {
        case .bytes(let bytes): bytes.count
        case .packets(let packets): packets.reduce(0) { $0 + $1.count }
        }
    }
}

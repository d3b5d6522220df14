/// What a duplex loop runs once per engine block: the caller's line in, the agent's audio out.
public protocol DuplexProcessor: AnyObject, Sendable {
    /// Hears one block of capture and fills the same length of playback.
    ///
    /// Real-time safe: implementations must not allocate, lock, log, throw or wait. Audio thread only.
    func process(capture: UnsafeBufferPointer<Float>, playback: UnsafeMutableBufferPointer<Float>)
}

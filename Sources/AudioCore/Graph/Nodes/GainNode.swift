import Synchronization

/// Multiplies every sample by a gain that the control thread may change at any time.
///
/// The new gain applies from the next block, without a ramp.
// TODO: Ramp gain changes over one block; a jump in gain on loud audio is heard as a click.
public final class GainNode: AudioNode, Sendable {
    /// The gain's `Float` bit pattern, so that it can be stored atomically.
    private let gainBits: Atomic<UInt32>

    /// Makes a node with a linear `gain` (1 leaves the signal unchanged).
    ///
    /// Not real-time safe: control thread only.
    public init(gain: Float) {
        self.gainBits = Atomic(gain.bitPattern)
    }

    /// The linear gain applied to each sample.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next block.
    public var gain: Float {
        // Relaxed: the gain is a single value that carries no other data with it.
        get { Float(bitPattern: self.gainBits.load(ordering: .relaxed)) }
        set { self.gainBits.store(newValue.bitPattern, ordering: .relaxed) }
    }

    /// Nothing to allocate.
    ///
    /// Not real-time safe: control thread only.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) {}

    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.sampleCount).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let gain = self.gain
        for index in 0..<context.sampleCount {
            output[index] = input[index] * gain
        }
    }
}

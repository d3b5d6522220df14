/// A test source: a sine wave of fixed frequency and amplitude on every channel, ignoring its input.
public final class SineSource: AudioNode {
    /// Cycles per second.
    public let frequency: Double

    /// Peak amplitude, 0 to 1.
    public let amplitude: Float

    private var phase: Double = 0
    private var phaseIncrement: Double = 0

    /// Makes a source of `frequency` hertz at peak `amplitude`.
    ///
    /// Not real-time safe: control thread only.
    public init(frequency: Double, amplitude: Float) {
        self.frequency = frequency
        self.amplitude = amplitude
    }

    /// Computes the phase step for `format`'s sample rate.
    ///
    /// Not real-time safe: control thread only.
    public func prepare(format: AudioFormat, maximumFrameCount: Int) {
        self.phaseIncrement = 2 * Double.pi * self.frequency / Double(format.sampleRate)
    }

    /// Real-time safe: no locks, no allocation. Rendering thread only.
    ///
    /// - Complexity: O(context.sampleCount).
    public func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let channelCount = context.format.channelCount
        for frame in 0..<context.frameCount {
            let sample = self.amplitude * Float(Self.sine(self.phase))
            for channel in 0..<channelCount {
                output[frame * channelCount + channel] = sample
            }
            self.phase += self.phaseIncrement
            if self.phase >= 2 * Double.pi {
                self.phase -= 2 * Double.pi
            }
        }
    }

    /// Starts the wave again at phase 0.
    ///
    /// Real-time safe: no locks, no allocation. Rendering thread only, between blocks.
    public func reset() {
        self.phase = 0
    }

    /// sin(*x*) for *x* in 0...2π by its Taylor series around the nearest quarter turn, within 1e-9.
    ///
    /// The standard library has no sine; this keeps the render path from calling into the C library.
    private static func sine(_ x: Double) -> Double {
        // Reduce to -π/4...π/4 around a multiple of π/2, then use sin or cos of the remainder.
        let quarter = (x / (Double.pi / 2)).rounded()
        let r = x - quarter * (Double.pi / 2)
        let r2 = r * r
        let sinR = r * (1 - r2 / 6 * (1 - r2 / 20 * (1 - r2 / 42 * (1 - r2 / 72 * (1 - r2 / 110)))))
        let cosR = 1 - r2 / 2 * (1 - r2 / 12 * (1 - r2 / 30 * (1 - r2 / 56 * (1 - r2 / 90 * (1 - r2 / 132)))))
        switch Int(quarter) & 3 {
        case 0: return sinR
        case 1: return cosR
        case 2: return -sinR
        default: return -cosR
        }
    }
}

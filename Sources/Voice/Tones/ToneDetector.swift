import Foundation

/// Hears the call-progress tones (`LineTone`) on a line, so a call on a line with no signalling ends when the
/// caller has hung up and the exchange plays a dial or busy tone.
///
/// Each 10 ms block it measures, over the last 100 ms (10 Hz resolution, enough to tell 425 Hz from 440 Hz), how
/// much of the line's power sits at each tone's frequencies (Goertzel filters). A block is tonal when one tone holds
/// at least `minimumPowerShare` of the power, above `minimumLevel`, with each of its frequencies holding at least
/// `minimumComponentShare`. A tone is heard once a run of its tonal blocks, bridged across gaps up to `gapBridge` (a
/// busy tone's half-second off), has lasted `minimumDuration` and is at least `minimumTonalShare` tonal. Speech
/// spreads its power over many frequencies and never holds such a share for long.
///
/// Allocated in `init`; `process` only reads and writes its own buffers.
///
/// Real-time safe after `init`: no locks, no allocation. One thread.
public final class ToneDetector {
    public let sampleRate: Int
    /// A tone must hold this share of the window's power.
    public static let minimumPowerShare = 0.7
    /// Each frequency of a two-frequency tone must hold this share.
    public static let minimumComponentShare = 0.2
    /// A run of a tone, gaps and all, must be this much tonal.
    public static let minimumTonalShare = 0.3
    /// Below this mean square (-50 dBFS) a block is silence, not tone.
    public static let minimumLevel = 1e-5
    /// Tonal blocks this far apart are one tone (a busy tone is off for 0.5 s at a time).
    public static let gapBridge = Duration.milliseconds(600)
    /// A tone heard for this long ends the call.
    public static let minimumDuration = Duration.milliseconds(1500)

    private let window: UnsafeMutableBufferPointer<Float>
    private var filled = 0
    /// The tones, in the order of `coefficients`: kept once, since `allCases` builds a new array on every call.
    private let tones: [LineTone] = LineTone.allCases
    /// Goertzel coefficients 2·cos(2πf/rate), two per tone (a one-frequency tone's second is `nil`).
    private let coefficients: UnsafeMutableBufferPointer<Double?>
    private let gapFrames: Int
    private let durationFrames: Int
    /// The tone being heard, the frames of its run so far (gaps included), its tonal frames, and the frames since
    /// its last tonal block.
    private var current: LineTone?
    private var heardFrames = 0
    private var tonalFrames = 0
    private var sinceTonalFrames = 0

    /// Whether the last block was tonal: a tone's frequencies held its power, however briefly.
    public private(set) var isTonal = false

    /// Makes a detector for blocks at `sampleRate` (8 or 16 kHz).
    ///
    /// Not real-time safe: allocates.
    public init(sampleRate: Int) {
        self.sampleRate = sampleRate
        self.window = .allocate(capacity: sampleRate / 10)
        self.window.initialize(repeating: 0)
        self.coefficients = .allocate(capacity: LineTone.allCases.count * 2)
        self.coefficients.initialize(repeating: nil)
        for (index, tone) in LineTone.allCases.enumerated() {
            for (slot, frequency) in tone.frequencies.prefix(2).enumerated() {
                self.coefficients[index * 2 + slot] = 2 * cos(2 * Double.pi * frequency / Double(sampleRate))
            }
        }
        self.gapFrames = Int(Self.gapBridge.frameCount(sampleRate: sampleRate))
        self.durationFrames = Int(Self.minimumDuration.frameCount(sampleRate: sampleRate))
    }

    deinit {
        self.window.deallocate()
        self.coefficients.deallocate()
    }

    /// Hears one block.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Returns: the tone, once it has lasted `minimumDuration` (and on every block after while it goes on).
    public func process(_ block: UnsafeBufferPointer<Float>) -> LineTone? {
        let size = self.window.count
        let kept = max(0, size - block.count)
        for index in 0..<kept { self.window[index] = self.window[index + block.count] }
        for index in 0..<min(block.count, size) {
            self.window[kept + index] = block[block.count - min(block.count, size) + index]
        }
        self.filled = min(size, self.filled + block.count)
        let tonal = self.filled == size ? self.tonalTone() : nil
        self.isTonal = tonal != nil
        if let tonal, tonal == self.current || self.current == nil {
            self.current = tonal
            self.heardFrames += self.sinceTonalFrames + block.count
            self.tonalFrames += block.count
            self.sinceTonalFrames = 0
        } else {
            self.sinceTonalFrames += block.count
            if self.sinceTonalFrames > self.gapFrames || tonal != nil {
                self.current = tonal
                self.heardFrames = tonal == nil ? 0 : block.count
                self.tonalFrames = self.heardFrames
                self.sinceTonalFrames = 0
            }
        }
        let isHeard =
            self.heardFrames >= self.durationFrames
            && Double(self.tonalFrames) >= Self.minimumTonalShare * Double(self.heardFrames + self.sinceTonalFrames)
        return isHeard ? self.current : nil
    }

    /// Forgets what it has heard: a new call on the line.
    public func reset() {
        self.window.update(repeating: 0)
        self.filled = 0
        self.isTonal = false
        self.current = nil
        self.heardFrames = 0
        self.tonalFrames = 0
        self.sinceTonalFrames = 0
    }

    /// The tone whose frequencies hold the window's power, if one does.
    private func tonalTone() -> LineTone? {
        var total = 0.0
        for sample in self.window { total += Double(sample) * Double(sample) }
        let count = Double(self.window.count)
        let meanSquare = total / count
        guard meanSquare >= Self.minimumLevel else { return nil }
        // A sine of amplitude A gives |X|² = (A·N/2)²; its mean square is A²/2, so its share is 2|X|²/N² / ms.
        let scale = 2 / (count * count) / meanSquare
        for (toneIndex, tone) in self.tones.enumerated() {
            var share = 0.0
            var weakest = Double.infinity
            for slot in 0..<2 {
                guard let coefficient = self.coefficients[toneIndex * 2 + slot] else { continue }
                let component = self.goertzelPower(coefficient) * scale
                share += component
                weakest = min(weakest, component)
            }
            if share >= Self.minimumPowerShare, weakest >= Self.minimumComponentShare { return tone }
        }
        return nil
    }

    /// |X(f)|² over the window, for the Goertzel coefficient of f.
    private func goertzelPower(_ coefficient: Double) -> Double {
        var previous = 0.0
        var beforePrevious = 0.0
        for sample in self.window {
            let value = Double(sample) + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = value
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
    }
}

import Foundation

/// openwakeword's mel front end for one 80 ms chunk: 8 frames × 32 mel bands from 1760 samples at 16 kHz (the
/// chunk's 1280 and 480 before it).
///
/// Per frame of 512 samples (hop 160, no padding), the windowed power spectrum (`SpeechEmbeddingKernels.power`) goes
/// through the 32 mel filters (`bandEnergies`), is clipped below at 1e-10 and taken to dB (`10·ln(x) / ln 10`, as
/// the ONNX graph computes it); every value is then raised to at least the chunk's largest value minus 80 dB, and
/// mapped to openwakeword's units, dB / 10 + 2. Input samples are Int16 values as `Float` (not normalised).
///
/// `init` allocates; `process` does not. One thread at a time.
public final class MelFrontEnd {
    /// New samples per chunk (80 ms at 16 kHz).
    public static let chunkSampleCount = 1280

    /// Samples before the chunk that its first frames also read.
    public static let historySampleCount = 480

    /// Samples each `process` call reads: history and chunk.
    public static let inputSampleCount = historySampleCount + chunkSampleCount

    /// Samples between the starts of consecutive frames (10 ms).
    public static let hopSampleCount = 160

    /// Frames per chunk.
    public static let frameCount = SpeechEmbeddingKernels.laneCount

    /// The dynamic range kept below each chunk's loudest value.
    public static let topDecibels: Float = 80

    let tables: SpectrumTables
    let filters: MelFilters
    private let scratch: UnsafeMutablePointer<SIMD8<Float>>
    private let power: UnsafeMutablePointer<SIMD8<Float>>
    private let bands: UnsafeMutablePointer<SIMD8<Float>>

    /// Makes the front end from the weight file's window and filters.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(weights: SpeechEmbeddingWeights) {
        self.tables = SpectrumTables(window: weights.values("mel.window"))
        self.filters = MelFilters(matrix: weights.values("mel.filters"))
        self.scratch = .allocate(capacity: SpectrumTables.scratchCount)
        self.scratch.initialize(repeating: SIMD8(), count: SpectrumTables.scratchCount)
        self.power = .allocate(capacity: SpectrumTables.binCount)
        self.power.initialize(repeating: SIMD8(), count: SpectrumTables.binCount)
        self.bands = .allocate(capacity: MelFilters.bandCount)
        self.bands.initialize(repeating: SIMD8(), count: MelFilters.bandCount)
    }

    deinit {
        self.scratch.deallocate()
        self.power.deallocate()
        self.bands.deallocate()
    }

    /// The mel frames of one chunk.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Parameters:
    ///   - samples: `inputSampleCount` samples, Int16 values as `Float`; frame j starts at sample 160·j.
    ///   - frames: Receives 8 frames × 32 bands, frames outermost, in dB / 10 + 2.
    /// - Complexity: O(8 FFTs of 512 points).
    public func process(_ samples: UnsafeBufferPointer<Float>, into frames: UnsafeMutableBufferPointer<Float>) {
        let bandCount = MelFilters.bandCount
        precondition(samples.count == Self.inputSampleCount, "a chunk's input is \(Self.inputSampleCount) samples")
        precondition(frames.count == Self.frameCount * bandCount, "a chunk is 8 frames × 32 bands")
        SpeechEmbeddingKernels.power(
            samples.baseAddress!, frameStride: Self.hopSampleCount, tables: self.tables, scratch: self.scratch,
            into: self.power)
        SpeechEmbeddingKernels.bandEnergies(self.power, filters: self.filters, into: self.bands)

        // Decibels as the graph computes them: log, times 10, divided by ln 10 in single precision.
        var largest = -Float.infinity
        for band in 0..<bandCount {
            let energies = self.bands[band]
            for frame in 0..<Self.frameCount {
                let level = logf(max(energies[frame], 1e-10)) * 10 / 2.302_585_1
                frames[frame * bandCount + band] = level
                largest = max(largest, level)
            }
        }
        let floor = largest - Self.topDecibels
        for index in 0..<frames.count {
            frames[index] = max(frames[index], floor) / 10 + 2
        }
    }
}

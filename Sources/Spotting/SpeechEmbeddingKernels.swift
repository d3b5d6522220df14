import AudioCore

/// The kernels of the speech embedder: the power spectrum of eight frames, the mel filter bank, the convolution
/// layers and max pooling.
///
/// Each kernel has two implementations side by side: `Vectorized` (a real FFT with the eight frames of a chunk in
/// the lanes of `SIMD8<Float>`; convolutions over channels-last planes as broadcast-input × weight-vector fused
/// multiply-adds, four output positions × 24 output channels per pass) and `Reference` (a direct DFT in `Double`,
/// a dense filter-bank product, and convolutions on the ONNX weight layout one output value at a time: the
/// definition of each result). The two sum in different orders, so they agree within a tolerance, not bit for
/// bit; `SpottingTests` states each bound. The entry points here pick `Vectorized` unless the reference is forced
/// with `isReferenceForced` or by starting the process with `ATTENDANT_REFERENCE_KERNELS=1`.
public enum SpeechEmbeddingKernels {
    /// Which implementation the entry points run.
    public typealias Kernel = DSPKernel

    /// This family's switch between SIMD kernels and scalar references.
    public static let selection = KernelSelection()

    /// Whether the entry points run the scalar reference instead of the SIMD kernels.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next call.
    public static var isReferenceForced: Bool {
        get { selection.isReferenceForced }
        set { selection.isReferenceForced = newValue }
    }

    /// The implementation the entry points currently run.
    ///
    /// Real-time safe: no locks, no allocation.
    public static var kernel: Kernel { selection.kernel }

    /// Frames whose spectra one `power` call computes: one per lane.
    public static let laneCount = 8

    /// Output channels each pass of the SIMD convolution computes: three `SIMD8<Float>` accumulators per position.
    public static let channelBlockCount = 24

    /// The power spectra of eight frames, `power[k][j] = |Σₙ x_j[n]·w[n]·e^(−2πikn/512)|²` for bins k = 0…256,
    /// where frame j is the 512 samples from `samples + j·frameStride`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - samples: The first sample of frame 0; `7·frameStride + 512` samples are read.
    ///   - frameStride: Samples between the starts of consecutive frames (the hop, 160).
    ///   - tables: The window and the FFT's twiddles, made once.
    ///   - scratch: `SpectrumTables.scratchCount` vectors the FFT works in; their contents are lost.
    ///   - power: Receives 257 bins, frame j in lane j.
    /// - Complexity: O(*N* log *N*) per frame for the FFT, O(*N*²) for the reference, with *N* = 512.
    public static func power(
        _ samples: UnsafePointer<Float>, frameStride: Int, tables: SpectrumTables,
        scratch: UnsafeMutablePointer<SIMD8<Float>>, into power: UnsafeMutablePointer<SIMD8<Float>>
    ) {
        if isReferenceForced {
            Reference.power(samples, frameStride: frameStride, tables: tables, into: power)
        } else {
            Vectorized.power(samples, frameStride: frameStride, tables: tables, scratch: scratch, into: power)
        }
    }

    /// The mel filter bank: `bands[b] = Σₖ power[k]·filters[k][b]` for each lane.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - power: 257 bins, one frame per lane.
    ///   - filters: The 257 × 32 filter matrix and the range of bins where each filter is not zero.
    ///   - bands: Receives 32 band energies, one frame per lane.
    /// - Complexity: O(bins × bands) for the reference; O(non-zero filter weights) for the SIMD kernel.
    public static func bandEnergies(
        _ power: UnsafePointer<SIMD8<Float>>, filters: MelFilters, into bands: UnsafeMutablePointer<SIMD8<Float>>
    ) {
        if isReferenceForced {
            Reference.bandEnergies(power, filters: filters, into: bands)
        } else {
            Vectorized.bandEnergies(power, filters: filters, into: bands)
        }
    }

    /// One convolution layer over `output.rowCount` rows: bias, convolution over time and mel bands (the mel axis
    /// padded with zeros when the kernel is 3 wide), then LeakyReLU and the floor when the layer has them.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - weights: The layer.
    ///   - input: At least `output.rowCount + timeTapCount − 1` rows of `inputChannelCount` channels.
    ///   - output: The rows to write, as many bands as the input, `outputChannelCount` channels; its padding
    ///     columns are left alone.
    /// - Complexity: O(rows × bands × taps × channels in × channels out).
    public static func convolve(_ weights: ConvolutionWeights, input: FeaturePlane, output: FeaturePlane) {
        checkConvolution(weights, input: input, output: output)
        if isReferenceForced {
            Reference.convolve(weights, input: input, output: output)
        } else {
            Vectorized.convolve(weights, input: input, output: output)
        }
    }

    /// Max pooling without padding: each output value is the largest of a 2 × 2 (time × bands) or 1 × 2 block.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - pooling: The block shape.
    ///   - input: `output.rowCount × timeFactor` rows of `2 × output.bandCount` bands.
    ///   - output: The rows to write; its padding columns are left alone.
    /// - Complexity: O(input values).
    public static func pool(
        _ pooling: SpeechEmbeddingArchitecture.Pooling, input: FeaturePlane, output: FeaturePlane
    ) {
        precondition(input.channelCount == output.channelCount, "pooling keeps the channel count")
        precondition(input.bandCount == 2 * output.bandCount, "pooling halves the mel bands")
        precondition(input.rowCount >= output.rowCount * pooling.timeFactor, "too few rows to pool")
        if isReferenceForced {
            Reference.pool(pooling, input: input, output: output)
        } else {
            Vectorized.pool(pooling, input: input, output: output)
        }
    }

    static func checkConvolution(_ weights: ConvolutionWeights, input: FeaturePlane, output: FeaturePlane) {
        let layer = weights.layer
        precondition(input.channelCount == layer.inputChannelCount, "input has the wrong channel count")
        precondition(output.channelCount == layer.outputChannelCount, "output has the wrong channel count")
        precondition(input.bandCount == output.bandCount, "a convolution keeps the mel band count")
        precondition(
            input.rowCount >= output.rowCount + layer.timeTapCount - 1,
            "\(input.rowCount) input rows cannot make \(output.rowCount) output rows")
    }
}

/// Rows of channels-last features with one zero column of padding on each side of the mel axis: value
/// (row r, band m, channel c) is at `base[r·rowStride + (m + 1)·channelCount + c]`, and bands −1 and
/// `bandCount` read as zero as long as nothing writes them.
///
/// A view only: whoever allocates the memory keeps it alive and frees it.
public struct FeaturePlane {
    /// Row 0, padding column.
    public var base: UnsafeMutablePointer<Float>
    /// Rows in the view.
    public var rowCount: Int
    /// Mel bands, not counting the padding.
    public var bandCount: Int
    /// Channels per band.
    public var channelCount: Int

    /// Makes a view of memory the caller owns.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(base: UnsafeMutablePointer<Float>, rowCount: Int, bandCount: Int, channelCount: Int) {
        self.base = base
        self.rowCount = rowCount
        self.bandCount = bandCount
        self.channelCount = channelCount
    }

    /// Floats from one row to the next.
    ///
    /// Real-time safe: no locks, no allocation.
    public var rowStride: Int { (self.bandCount + 2) * self.channelCount }

    /// Floats the plane spans.
    ///
    /// Real-time safe: no locks, no allocation.
    public var valueCount: Int { self.rowCount * self.rowStride }

    /// The view of `count` rows from `start`.
    ///
    /// Real-time safe: no locks, no allocation.
    public func rows(_ start: Int, count: Int) -> FeaturePlane {
        precondition(start >= 0 && start + count <= self.rowCount, "rows \(start)..<\(start + count) are outside")
        return FeaturePlane(
            base: self.base + start * self.rowStride, rowCount: count, bandCount: self.bandCount,
            channelCount: self.channelCount)
    }

    /// The address of (row, band, channel 0); band may be −1 or `bandCount` for the padding.
    ///
    /// Real-time safe: no locks, no allocation.
    @inline(__always)
    public func pointer(row: Int, band: Int) -> UnsafeMutablePointer<Float> {
        self.base + (row &* self.rowStride &+ (band &+ 1) &* self.channelCount)
    }
}

/// One convolution layer's weights, in the ONNX layout for the reference and repacked for the SIMD kernel.
///
/// The network that makes it owns the memory; a value lives no longer than its network.
public struct ConvolutionWeights {
    /// The layer's shape.
    public let layer: SpeechEmbeddingArchitecture.Layer
    /// `[out][in][time tap][band tap]`, as in the file.
    let original: UnsafePointer<Float>
    /// `[out / 24][time tap][band tap][in][24]`: each pass of the SIMD kernel reads one contiguous block.
    let packed: UnsafePointer<Float>
    /// One per output channel; zeros for the last layer.
    let bias: UnsafePointer<Float>
    /// The floor after LeakyReLU (−0.4).
    let floor: Float
}

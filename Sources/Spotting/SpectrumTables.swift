import Foundation

/// What the power-spectrum kernels read and never change: the analysis window, the bit-reversal order and
/// twiddles of the 256-point complex FFT that carries the 512-point real one, and the cosine table of the direct
/// DFT.
///
/// Immutable after `init`, so `@unchecked Sendable` is sound: the pointers are written only there.
public final class SpectrumTables: @unchecked Sendable {
    /// Samples per frame: the real FFT's length.
    public static let frameSampleCount = 512

    /// Points of the complex FFT: half the frame.
    public static let complexCount = frameSampleCount / 2

    /// Frequency bins of the power spectrum: 0 to the Nyquist frequency.
    public static let binCount = frameSampleCount / 2 + 1

    /// `SIMD8<Float>` vectors the FFT needs to work in: the real and imaginary parts of its 256 points.
    public static let scratchCount = 2 * complexCount

    /// The analysis window, `frameSampleCount` values.
    let window: UnsafeMutablePointer<Float>
    /// `complexCount` indices: where input pair n goes before the in-place FFT.
    let bitReversed: UnsafeMutablePointer<Int>
    /// e^(−2πiq/256) for q = 0…127: the FFT's twiddles.
    let twiddleReal: UnsafeMutablePointer<Float>
    let twiddleImaginary: UnsafeMutablePointer<Float>
    /// e^(−2πik/512) for k = 0…255: the twiddles that split the complex result into the real signal's spectrum.
    let splitReal: UnsafeMutablePointer<Float>
    let splitImaginary: UnsafeMutablePointer<Float>
    /// cos(2πi/512) and sin(2πi/512) for i = 0…511, computed in `Double`: the direct DFT's table.
    let cosine: UnsafeMutablePointer<Double>
    let sine: UnsafeMutablePointer<Double>

    /// Makes the tables for `window`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameter window: `frameSampleCount` values; another count traps.
    public init(window: [Float]) {
        let count = Self.frameSampleCount
        let half = Self.complexCount
        precondition(window.count == count, "the window has \(window.count) values, not \(count)")
        self.window = .allocate(capacity: count)
        self.window.initialize(from: window, count: count)

        self.bitReversed = .allocate(capacity: half)
        let bits = half.trailingZeroBitCount
        for index in 0..<half {
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            self.bitReversed[index] = reversed
        }

        self.twiddleReal = .allocate(capacity: half / 2)
        self.twiddleImaginary = .allocate(capacity: half / 2)
        for index in 0..<half / 2 {
            let angle = -2 * Double.pi * Double(index) / Double(half)
            self.twiddleReal[index] = Float(cos(angle))
            self.twiddleImaginary[index] = Float(sin(angle))
        }
        self.splitReal = .allocate(capacity: half)
        self.splitImaginary = .allocate(capacity: half)
        for index in 0..<half {
            let angle = -2 * Double.pi * Double(index) / Double(count)
            self.splitReal[index] = Float(cos(angle))
            self.splitImaginary[index] = Float(sin(angle))
        }

        self.cosine = .allocate(capacity: count)
        self.sine = .allocate(capacity: count)
        for index in 0..<count {
            let angle = 2 * Double.pi * Double(index) / Double(count)
            self.cosine[index] = cos(angle)
            self.sine[index] = sin(angle)
        }
    }

    deinit {
        self.window.deallocate()
        self.bitReversed.deallocate()
        self.twiddleReal.deallocate()
        self.twiddleImaginary.deallocate()
        self.splitReal.deallocate()
        self.splitImaginary.deallocate()
        self.cosine.deallocate()
        self.sine.deallocate()
    }
}

/// The mel filter bank: a 257 × 32 matrix (bins × bands) and, per band, the bins where its filter is not zero.
///
/// Immutable after `init`, so `@unchecked Sendable` is sound: the pointers are written only there.
public final class MelFilters: @unchecked Sendable {
    /// Mel bands.
    public static let bandCount = 32

    /// `[bin][band]`, row-major, as in the weight file.
    let matrix: UnsafeMutablePointer<Float>
    /// Per band, the first bin with a non-zero weight and the count of bins from there to the last one.
    let firstBin: UnsafeMutablePointer<Int>
    let binSpan: UnsafeMutablePointer<Int>
    /// Per band, its `binSpan` weights from `firstBin` on, bands one after another; `weightStart` indexes them.
    let weights: UnsafeMutablePointer<Float>
    let weightStart: UnsafeMutablePointer<Int>

    /// Makes the filter bank from the weight file's `mel.filters`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameter matrix: 257 × 32 values, bins outermost; another count traps.
    public init(matrix: [Float]) {
        let bins = SpectrumTables.binCount
        let bands = Self.bandCount
        precondition(matrix.count == bins * bands, "the filter matrix has \(matrix.count) values")
        self.matrix = .allocate(capacity: bins * bands)
        self.matrix.initialize(from: matrix, count: bins * bands)
        self.firstBin = .allocate(capacity: bands)
        self.binSpan = .allocate(capacity: bands)
        self.weightStart = .allocate(capacity: bands)

        var packed: [Float] = []
        for band in 0..<bands {
            let nonZero = (0..<bins).filter { matrix[$0 * bands + band] != 0 }
            let first = nonZero.first ?? 0
            let span = nonZero.last.map { $0 - first + 1 } ?? 0
            self.firstBin[band] = first
            self.binSpan[band] = span
            self.weightStart[band] = packed.count
            for bin in first..<first + span { packed.append(matrix[bin * bands + band]) }
        }
        self.weights = .allocate(capacity: max(packed.count, 1))
        self.weights.initialize(from: packed, count: packed.count)
    }

    deinit {
        self.matrix.deallocate()
        self.firstBin.deallocate()
        self.binSpan.deallocate()
        self.weights.deallocate()
        self.weightStart.deallocate()
    }
}

/// ITU-T G.711 companding: 16-bit linear PCM to 8-bit µ-law or A-law codes and back.
///
/// Encoding follows the ITU-T G.191 reference for 16-bit input: µ-law quantizes the top 14 bits, A-law the top 13,
/// and the low bits are dropped, not rounded. A negative sample's magnitude is its one's complement (`~sample`), so
/// the quantizer is symmetric about -0.5, the middle of the Int16 range. Decoding returns the G.711 reconstruction
/// value of each code scaled to 16 bits.
///
/// Each kernel has a scalar reference (`G711+Reference.swift`), written from the G.711 segment rules, and a SIMD
/// version (`G711+Vectorized.swift`) that gives the same codes and samples bit for bit. Pass `kernel: .reference`
/// to force the reference path, for example to rule the SIMD code out while chasing a bug.
///
/// ```swift
/// let byteCount = G711.encode(block, law: .muLaw, into: codes)
/// ```
public enum G711 {
    /// The companding law.
    public enum Law: Sendable, Hashable, CaseIterable {
        /// µ-law (North America, Japan): 14-bit input, bias 33, eight segments of sixteen steps.
        case muLaw
        /// A-law (Europe and most of the rest of the world): 13-bit input, even bits inverted with 0x55.
        case aLaw
    }

    /// Which implementation of a kernel runs.
    public enum Kernel: Sendable, Hashable, CaseIterable {
        /// The SIMD kernel: 16 or 32 samples per step, with the reference code for the tail of a block.
        case vectorized
        /// The scalar reference, one sample at a time.
        case reference
    }

    /// Encodes linear samples as G.711 codes, one byte per sample.
    ///
    /// Converts `min(samples.count, codes.count)` samples; pass buffers of equal length. Blocks of any length work.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(*n*), where *n* is the number of samples converted.
    /// - Parameters:
    ///   - samples: 16-bit linear PCM.
    ///   - law: µ-law or A-law.
    ///   - codes: Receives one code per sample.
    ///   - kernel: `.vectorized` (the default) or `.reference`.
    /// - Returns: The number of samples converted.
    @discardableResult
    public static func encode(
        _ samples: UnsafeBufferPointer<Int16>, law: Law, into codes: UnsafeMutableBufferPointer<UInt8>,
        kernel: Kernel = .vectorized
    ) -> Int {
        let count = min(samples.count, codes.count)
        guard count > 0, let source = samples.baseAddress, let destination = codes.baseAddress else { return 0 }

        switch (law, kernel) {
        case (.muLaw, .vectorized): encodeMuLawVectorized(source, destination, count)
        case (.aLaw, .vectorized): encodeALawVectorized(source, destination, count)
        case (.muLaw, .reference): encodeReference(source, destination, count, encodeMuLawReference)
        case (.aLaw, .reference): encodeReference(source, destination, count, encodeALawReference)
        }
        return count
    }

    /// Decodes G.711 codes to linear samples.
    ///
    /// Converts `min(codes.count, samples.count)` codes; pass buffers of equal length. Blocks of any length work.
    /// Every byte is a valid code, so decoding cannot fail.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(*n*), where *n* is the number of codes converted.
    /// - Parameters:
    ///   - codes: G.711 codes, one per sample.
    ///   - law: µ-law or A-law.
    ///   - samples: Receives one 16-bit sample per code.
    ///   - kernel: `.vectorized` (the default) or `.reference`.
    /// - Returns: The number of codes converted.
    @discardableResult
    public static func decode(
        _ codes: UnsafeBufferPointer<UInt8>, law: Law, into samples: UnsafeMutableBufferPointer<Int16>,
        kernel: Kernel = .vectorized
    ) -> Int {
        let count = min(codes.count, samples.count)
        guard count > 0, let source = codes.baseAddress, let destination = samples.baseAddress else { return 0 }

        switch (law, kernel) {
        case (.muLaw, .vectorized): decodeMuLawVectorized(source, destination, count)
        case (.aLaw, .vectorized): decodeALawVectorized(source, destination, count)
        case (.muLaw, .reference): decodeReference(source, destination, count, decodeMuLawReference)
        case (.aLaw, .reference): decodeReference(source, destination, count, decodeALawReference)
        }
        return count
    }

    /// Encodes one sample with the scalar reference.
    ///
    /// Real-time safe: no locks, no allocation.
    public static func encode(_ sample: Int16, law: Law) -> UInt8 {
        switch law {
        case .muLaw: encodeMuLawReference(sample)
        case .aLaw: encodeALawReference(sample)
        }
    }

    /// Decodes one code with the scalar reference.
    ///
    /// Real-time safe: no locks, no allocation.
    public static func decode(_ code: UInt8, law: Law) -> Int16 {
        switch law {
        case .muLaw: decodeMuLawReference(code)
        case .aLaw: decodeALawReference(code)
        }
    }
}

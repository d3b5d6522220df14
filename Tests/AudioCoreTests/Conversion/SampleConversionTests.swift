import Testing

@testable import AudioCore

/// The SIMD kernels perform the same operation per sample as the scalar reference, so the stated tolerance is
/// zero: every output must match bit for bit.
@Suite("Sample conversion", .serialized)
struct SampleConversionTests {
    /// Lengths around the SIMD width, including an empty buffer, a lone tail and a 10 ms 16 kHz block.
    static let lengths = [0, 1, 7, 15, 16, 17, 31, 33, 160, 1003]

    @Test("Int16 to Float: SIMD matches the reference bit for bit on random input", arguments: lengths)
    func int16ToFloat(length: Int) {
        var generator = SeededRandomNumberGenerator(seed: UInt64(length) + 1)
        let source = (0..<length).map { _ in Int16.random(in: .min ... .max, using: &generator) }
        var vectorized = [Float](repeating: .nan, count: length)
        var reference = [Float](repeating: .nan, count: length)

        source.withUnsafeBufferPointer { input in
            vectorized.withUnsafeMutableBufferPointer { SampleConversion.Vectorized.convert(input, to: $0) }
            reference.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(input, to: $0) }
        }

        #expect(vectorized.map(\.bitPattern) == reference.map(\.bitPattern))
        let expected = source.map { Float($0) / 32768 }
        #expect(reference == expected)
    }

    @Test(
        "Float to Int16: SIMD matches the reference bit for bit, including clipping, NaN and ties", arguments: lengths)
    func floatToInt16(length: Int) {
        var generator = SeededRandomNumberGenerator(seed: UInt64(length) + 100)
        let special: [Float] = [.nan, .infinity, -.infinity, 1, -1, 2, -2, 0.5 / 32768, 1.5 / 32768, -2.5 / 32768]
        let source = (0..<length).map { index -> Float in
            index % 5 == 0
                ? special[index / 5 % special.count]
                : Float.random(in: -1.5...1.5, using: &generator)
        }
        var vectorized = [Int16](repeating: 99, count: length)
        var reference = [Int16](repeating: -99, count: length)

        source.withUnsafeBufferPointer { input in
            vectorized.withUnsafeMutableBufferPointer { SampleConversion.Vectorized.convert(input, to: $0) }
            reference.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(input, to: $0) }
        }

        #expect(vectorized == reference)
    }

    @Test("Float to Int16 rounds half to even, clips and maps NaN to zero")
    func floatToInt16Values() {
        let source: [Float] = [1, -1, 2, -2, .nan, .infinity, 0.5 / 32768, 1.5 / 32768, -0.5 / 32768, 0.25, 0]
        let expected: [Int16] = [32767, -32768, 32767, -32768, 0, 32767, 0, 2, 0, 8192, 0]
        for kernel in [SampleConversion.Vectorized.convert, SampleConversion.Reference.convert]
            as [(UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Int16>) -> Void]
        {
            // Repeat the pattern past one SIMD step so the vectorised path, not its tail, sees these values.
            let repeated = Array(repeating: source, count: 4).flatMap { $0 }
            let expectedRepeated = Array(repeating: expected, count: 4).flatMap { $0 }
            var output = [Int16](repeating: 1, count: repeated.count)
            repeated.withUnsafeBufferPointer { input in output.withUnsafeMutableBufferPointer { kernel(input, $0) } }
            #expect(output == expectedRepeated)
        }
    }

    @Test("Every Int16 survives a round trip through Float")
    func roundTrip() {
        let source = (Int(Int16.min)...Int(Int16.max)).map { Int16($0) }
        var floats = [Float](repeating: 0, count: source.count)
        var back = [Int16](repeating: 0, count: source.count)
        source.withUnsafeBufferPointer { input in
            floats.withUnsafeMutableBufferPointer { SampleConversion.convert(input, to: $0) }
        }
        floats.withUnsafeBufferPointer { input in
            back.withUnsafeMutableBufferPointer { SampleConversion.convert(input, to: $0) }
        }
        #expect(back == source)
        #expect(floats.first == -1)
    }

    @Test(
        "Stereo downmix, deinterleave and interleave: SIMD matches the reference", arguments: [0, 1, 7, 8, 9, 160, 501])
    func stereo(frameCount: Int) {
        var generator = SeededRandomNumberGenerator(seed: UInt64(frameCount) + 7)
        let stereo = (0..<(2 * frameCount)).map { _ in Float.random(in: -1...1, using: &generator) }

        func run(_ kernels: (downmix: Downmix, split: Split, join: Join)) -> (
            mono: [Float], left: [Float], right: [Float], joined: [Float]
        ) {
            var mono = [Float](repeating: .nan, count: frameCount)
            var left = [Float](repeating: .nan, count: frameCount)
            var right = [Float](repeating: .nan, count: frameCount)
            var joined = [Float](repeating: .nan, count: 2 * frameCount)
            stereo.withUnsafeBufferPointer { input in
                mono.withUnsafeMutableBufferPointer { kernels.downmix(input, $0) }
                left.withUnsafeMutableBufferPointer { l in
                    right.withUnsafeMutableBufferPointer { r in kernels.split(input, l, r) }
                }
            }
            left.withUnsafeBufferPointer { l in
                right.withUnsafeBufferPointer { r in joined.withUnsafeMutableBufferPointer { kernels.join(l, r, $0) } }
            }
            return (mono, left, right, joined)
        }

        let vectorized = run(
            (
                SampleConversion.Vectorized.downmixStereo, SampleConversion.Vectorized.deinterleaveStereo,
                SampleConversion.Vectorized.interleaveStereo
            ))
        let reference = run(
            (
                SampleConversion.Reference.downmixStereo, SampleConversion.Reference.deinterleaveStereo,
                SampleConversion.Reference.interleaveStereo
            ))

        #expect(vectorized.mono.map(\.bitPattern) == reference.mono.map(\.bitPattern))
        #expect(vectorized.left == reference.left)
        #expect(vectorized.right == reference.right)
        #expect(vectorized.joined == stereo)
        #expect(reference.joined == stereo)
        let expectedLeft = stride(from: 0, to: stereo.count, by: 2).map { stereo[$0] }
        let expectedMono = (0..<frameCount).map { frame -> Float in
            let sum: Float = stereo[2 * frame] + stereo[2 * frame + 1]
            return sum * 0.5
        }
        #expect(reference.left == expectedLeft)
        #expect(reference.mono == expectedMono)
    }

    typealias Downmix = (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void
    typealias Split = (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<Float>)
        -> Void
    typealias Join = (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void

    @Test("Forcing the reference switches the kernel the entry points run")
    func forceReference() {
        let wasForced = SampleConversion.isReferenceForced
        defer { SampleConversion.isReferenceForced = wasForced }

        SampleConversion.isReferenceForced = true
        #expect(SampleConversion.kernel == .reference)
        SampleConversion.isReferenceForced = false
        #expect(SampleConversion.kernel == .vectorized)
    }

    @Test("A destination shorter than the source traps")
    func shortDestinationTraps() async {
        await #expect(processExitsWith: .failure) {
            let source = [Int16](repeating: 0, count: 32)
            var destination = [Float](repeating: 0, count: 31)
            source.withUnsafeBufferPointer { input in
                destination.withUnsafeMutableBufferPointer { SampleConversion.convert(input, to: $0) }
            }
        }
    }
}

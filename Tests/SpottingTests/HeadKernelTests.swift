import Testing

@testable import Spotting

/// The heads' dense-layer kernel against its scalar reference on random input.
@Suite("Spotter head kernels")
struct HeadKernelTests {
    static func dense(rows: Int, columns: Int, seed: UInt64, rectified: Bool, reference: Bool) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        let weights = (0..<rows * columns).map { _ in Float.random(in: -1...1, using: &generator) }
        let bias = (0..<rows).map { _ in Float.random(in: -1...1, using: &generator) }
        let input = (0..<columns).map { _ in Float.random(in: -3...3, using: &generator) }
        var output = [Float](repeating: .nan, count: rows)
        output.withUnsafeMutableBufferPointer { result in
            if reference {
                HeadKernels.Reference.dense(
                    weights: weights, bias: bias, rows: rows, columns: columns, input: input,
                    output: result.baseAddress!, isRectified: rectified)
            } else {
                HeadKernels.Vectorized.dense(
                    weights: weights, bias: bias, rows: rows, columns: columns, input: input,
                    output: result.baseAddress!, isRectified: rectified)
            }
        }
        return output
    }

    /// Within 1e-5 of the sum of |terms| (measured about 1e-7): float32 rounding over 1 536 terms in another order.
    /// A skipped column or a row read with the wrong stride is off by whole terms, ~0.1 of that scale or more.
    /// The shapes cover the urgent head's layers (1 536 → 64 → 2), a row count that is not a multiple of four and
    /// a column count that is not a multiple of eight.
    @Test(
        "Dense layer: SIMD matches the reference, with and without the rectifier",
        arguments: [
            (64, 1536), (2, 64), (7, 13), (5, 200), (1, 3),
        ])
    func denseMatchesReference(rows: Int, columns: Int) {
        let linear = Self.dense(rows: rows, columns: columns, seed: 7, rectified: false, reference: false)
        for rectified in [false, true] {
            let fast = Self.dense(rows: rows, columns: columns, seed: 7, rectified: rectified, reference: false)
            let slow = Self.dense(rows: rows, columns: columns, seed: 7, rectified: rectified, reference: true)
            let scale = Float(columns) * 1.5
            for (index, (a, b)) in zip(fast, slow).enumerated() {
                #expect(abs(a - b) <= 1e-5 * scale, "rows \(rows) columns \(columns): \(a) against \(b)")
                if rectified { #expect(a == max(linear[index], 0)) }
            }
        }
    }
}

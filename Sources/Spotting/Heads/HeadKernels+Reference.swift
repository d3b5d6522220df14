extension HeadKernels {
    /// The scalar definitions the SIMD head kernels are held to.
    public enum Reference {
        /// One dense layer, summed in `Double` one column at a time. See `HeadKernels.dense`.
        ///
        /// Real-time safe: no locks, no allocation.
        public static func dense(
            weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows: Int, columns: Int,
            input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, isRectified: Bool
        ) {
            for row in 0..<rows {
                var sum = Double(bias[row])
                for column in 0..<columns {
                    sum += Double(weights[row * columns + column]) * Double(input[column])
                }
                output[row] = isRectified ? Float(max(sum, 0)) : Float(sum)
            }
        }
    }
}

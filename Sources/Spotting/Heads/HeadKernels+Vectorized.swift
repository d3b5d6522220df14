extension HeadKernels {
    /// The SIMD head kernels.
    public enum Vectorized {
        /// One dense layer: four rows per pass, eight columns per fused multiply-add, the columns past the last
        /// multiple of eight one at a time. See `HeadKernels.dense`.
        ///
        /// Real-time safe: no locks, no allocation.
        public static func dense(
            weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows: Int, columns: Int,
            input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, isRectified: Bool
        ) {
            let vectorColumns = columns & ~7
            var row = 0
            while row + 4 <= rows {
                var sums = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
                let rowWeights = (
                    weights + row * columns, weights + (row + 1) * columns, weights + (row + 2) * columns,
                    weights + (row + 3) * columns
                )
                var column = 0
                while column < vectorColumns {
                    let x = load(input + column)
                    sums.0.addProduct(load(rowWeights.0 + column), x)
                    sums.1.addProduct(load(rowWeights.1 + column), x)
                    sums.2.addProduct(load(rowWeights.2 + column), x)
                    sums.3.addProduct(load(rowWeights.3 + column), x)
                    column += 8
                }
                var totals = (sums.0.sum(), sums.1.sum(), sums.2.sum(), sums.3.sum())
                while column < columns {
                    totals.0 += rowWeights.0[column] * input[column]
                    totals.1 += rowWeights.1[column] * input[column]
                    totals.2 += rowWeights.2[column] * input[column]
                    totals.3 += rowWeights.3[column] * input[column]
                    column += 1
                }
                store(totals.0 + bias[row], output + row, isRectified)
                store(totals.1 + bias[row + 1], output + row + 1, isRectified)
                store(totals.2 + bias[row + 2], output + row + 2, isRectified)
                store(totals.3 + bias[row + 3], output + row + 3, isRectified)
                row += 4
            }
            while row < rows {
                let rowWeights = weights + row * columns
                var sum = SIMD8<Float>()
                var column = 0
                while column < vectorColumns {
                    sum.addProduct(load(rowWeights + column), load(input + column))
                    column += 8
                }
                var total = sum.sum()
                while column < columns {
                    total += rowWeights[column] * input[column]
                    column += 1
                }
                store(total + bias[row], output + row, isRectified)
                row += 1
            }
        }

        @inline(__always)
        static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
            UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
        }

        @inline(__always)
        static func store(_ value: Float, _ pointer: UnsafeMutablePointer<Float>, _ isRectified: Bool) {
            pointer.pointee = isRectified ? max(value, 0) : value
        }
    }
}

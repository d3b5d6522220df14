import AudioCore

/// The kernels of the spotter's heads: one dense layer, `output[r] = bias[r] + Σc weights[r][c]·input[c]`, with an
/// optional rectifier.
///
/// Two implementations side by side: `Vectorized` (eight columns per `SIMD8<Float>` fused multiply-add, four rows
/// per pass so each input vector is loaded once for four rows) and `Reference` (one row and one column at a time,
/// summed in `Double`: the definition). They sum in different orders, so they agree within a tolerance, not bit
/// for bit; `SpottingTests` states the bound. The entry point runs `Vectorized` unless the reference is forced with
/// `isReferenceForced` or by starting the process with `ATTENDANT_REFERENCE_KERNELS=1`.
public enum HeadKernels {
    /// This family's switch between the SIMD kernel and its scalar reference.
    public static let selection = KernelSelection()

    /// Whether the entry point runs the scalar reference.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next call.
    public static var isReferenceForced: Bool {
        get { selection.isReferenceForced }
        set { selection.isReferenceForced = newValue }
    }

    /// One dense layer.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameters:
    ///   - weights: `rows × columns` values, row-major.
    ///   - bias: `rows` values.
    ///   - input: `columns` values.
    ///   - output: receives `rows` values; must not overlap `input`.
    ///   - isRectified: whether negative outputs become 0 (a ReLU layer).
    /// - Complexity: O(rows × columns).
    public static func dense(
        weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows: Int, columns: Int,
        input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, isRectified: Bool
    ) {
        if isReferenceForced {
            Reference.dense(
                weights: weights, bias: bias, rows: rows, columns: columns, input: input, output: output,
                isRectified: isRectified)
        } else {
            Vectorized.dense(
                weights: weights, bias: bias, rows: rows, columns: columns, input: input, output: output,
                isRectified: isRectified)
        }
    }
}

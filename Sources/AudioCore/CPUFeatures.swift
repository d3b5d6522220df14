import CPlatform

/// What the processor offers against what this build's DSP kernels were compiled for.
///
/// The DSP targets are compiled with `-target-cpu haswell` (AVX2 and FMA) unless the package was built with
/// `ATTENDANT_PORTABLE=1`. Running such a build on an older CPU would die on an illegal instruction in the middle
/// of a call; checking once at startup turns that into a message.
public enum CPUFeatures {
    /// Whether the DSP kernels in this binary were compiled for AVX2 and FMA.
    public static var isBuiltForAVX2: Bool {
        #if arch(x86_64) && !ATTENDANT_PORTABLE
            return true
        #else
            return false
        #endif
    }

    /// Whether this CPU runs AVX2 and FMA instructions.
    public static var hasAVX2: Bool { attendant_cpu_has_avx2_fma() }

    /// A message for the user when this binary cannot run on this CPU, or `nil` when it can.
    public static var incompatibilityMessage: String? {
        guard isBuiltForAVX2, !hasAVX2 else { return nil }
        return "this build of attendant needs a CPU with AVX2 and FMA; rebuild with ATTENDANT_PORTABLE=1 swift build"
    }
}

import Synchronization

/// Which implementation of a DSP kernel family runs: the explicit SIMD kernels or their scalar references.
public enum DSPKernel: Hashable, Sendable {
    /// Explicit SIMD arithmetic.
    case vectorized
    /// One element at a time: the definition every SIMD kernel is held to.
    case reference
}

/// The switch every kernel family (sample conversion, VAD features, barge-in, speech embedding) uses to force its
/// scalar reference: set in code, or for the whole process by starting it with `ATTENDANT_REFERENCE_KERNELS=1`.
///
/// Each family keeps its own selection, so a test flipping one family does not switch another under a test
/// running beside it.
public final class KernelSelection: Sendable {
    private let referenceForced = Atomic<Bool>(Syscalls.environmentFlag("ATTENDANT_REFERENCE_KERNELS"))

    /// A selection that runs the SIMD kernels unless the environment forces the reference.
    ///
    /// Not real-time safe: allocates; make it once per kernel family.
    public init() {}

    /// Whether the scalar reference runs instead of the SIMD kernels.
    ///
    /// Real-time safe: no locks, no allocation. Any thread; a change applies from the next call.
    public var isReferenceForced: Bool {
        // Relaxed: a mode switch; no other memory is published with it.
        get { self.referenceForced.load(ordering: .relaxed) }
        set { self.referenceForced.store(newValue, ordering: .relaxed) }
    }

    /// The implementation that runs now.
    ///
    /// Real-time safe: no locks, no allocation.
    public var kernel: DSPKernel { self.isReferenceForced ? .reference : .vectorized }
}

/// A small, fast, deterministic random number generator (SplitMix64): the same seed gives the same sequence on
/// every machine and every run.
///
/// For everything that must be reproducible: synthetic test and benchmark signals, and later comfort noise and
/// synthetic callers. Not for anything secret.
///
/// Real-time safe: no locks, no allocation.
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    ///
    /// Real-time safe: no locks, no allocation.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 random bits.
    ///
    /// Real-time safe: no locks, no allocation.
    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = self.state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

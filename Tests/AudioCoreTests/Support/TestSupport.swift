import AudioCore
import Glibc

/// Whether this test process runs under ThreadSanitizer, which slows every memory access several times over.
let isThreadSanitizerActive: Bool = dlsym(nil, "__tsan_init") != nil

/// A small deterministic random number generator (SplitMix64), so that a failing random test fails again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = self.state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Gives the other thread a chance to run while spinning on a ring that is full or empty.
func yieldThread() {
    sched_yield()
}

/// Copies bytes with plain loads and stores compiled into this test module, so that ThreadSanitizer checks them.
///
/// In a debug build, `memcpy`, `update(from:count:)` and the standard library's iterators run in code that
/// ThreadSanitizer does not instrument, so it would never see the ring's sample traffic; `pointee` accesses made
/// here are instrumented. The concurrency tests move samples with this function so that a missing
/// release/acquire pair in a ring shows up as a data race. `byteCount` must be a multiple of 4.
func sanitizerVisibleCopy(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, byteCount: Int) {
    precondition(byteCount % 4 == 0, "copy whole 4-byte words")
    let target = destination.assumingMemoryBound(to: UInt32.self)
    let origin = source.assumingMemoryBound(to: UInt32.self)
    for word in 0..<(byteCount / 4) {
        (target + word).pointee = (origin + word).pointee
    }
}

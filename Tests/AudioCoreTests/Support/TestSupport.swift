import AudioCore
import Glibc

/// Whether this test process runs under ThreadSanitizer, which slows every memory access several times over.
let isThreadSanitizerActive: Bool = dlsym(nil, "__tsan_init") != nil

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

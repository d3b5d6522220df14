import CAllocationCounter
import Glibc

/// One number the benchmark reports, with what it is compared against.
struct Measurement {
    /// The group, for example `ring` or `g711`.
    var group: String

    /// What was measured, for example `spsc 10 ms blocks`.
    var name: String

    /// The measured value.
    var value: Double

    /// The unit of `value`, for example `blocks/s` or `ns/block`.
    var unit: String

    /// A target the value must meet, if the issue sets one.
    var target: Target?

    /// A free-form note, for example the baseline a ratio is taken against.
    var note: String = ""

    /// A bound from the targets.
    enum Target {
        case atLeast(Double)
        case atMost(Double)

        func isMet(by value: Double) -> Bool {
            switch self {
            case .atLeast(let bound): return value >= bound
            case .atMost(let bound): return value <= bound
            }
        }

        var text: String {
            switch self {
            case .atLeast(let bound): return ">= \(formatted(bound))"
            case .atMost(let bound): return "<= \(formatted(bound))"
            }
        }
    }

    var isMet: Bool? { self.target.map { $0.isMet(by: self.value) } }
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Runs `body` (which performs `operationCount` operations) `repetitions` times after one warm-up, and returns the
/// median seconds per operation.
func medianSecondsPerOperation(operationCount: Int, repetitions: Int = 5, _ body: () -> Void) -> Double {
    body()
    var samples: [Double] = []
    samples.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
        let start = monotonicSeconds()
        body()
        samples.append((monotonicSeconds() - start) / Double(operationCount))
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// Heap allocations made by `body`, which performs `operationCount` operations, divided by that count.
///
/// Runs `body` once first so that lazy one-time allocations (metadata, first-use caches) are not counted.
func allocationsPerOperation(operationCount: Int, _ body: () -> Void) -> Double {
    body()
    let before = attendant_allocation_count()
    body()
    let after = attendant_allocation_count()
    return Double(after - before) / Double(operationCount)
}

/// A number with three significant digits, grouped for reading.
func formatted(_ value: Double) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e6 { return String(format: "%.3g", value) }
    if magnitude >= 100 { return String(format: "%.0f", value) }
    if magnitude >= 1 { return String(format: "%.3g", value) }
    return String(format: "%.3g", value)
}

/// Keeps the optimizer from deleting work whose result is otherwise unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// CPU seconds this thread has used: unlike the monotonic clock, time the scheduler gives other processes is not
/// counted, which matters on a shared 2-core machine.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Like `medianSecondsPerOperation`, in CPU seconds of the calling thread.
func medianCPUSecondsPerOperation(operationCount: Int, repetitions: Int = 5, _ body: () -> Void) -> Double {
    body()
    var samples: [Double] = []
    samples.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
        let start = threadCPUSeconds()
        body()
        samples.append((threadCPUSeconds() - start) / Double(operationCount))
    }
    samples.sort()
    return samples[samples.count / 2]
}

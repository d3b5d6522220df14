/// The nearest-rank percentile of `values`: the value at rank ⌈percent/100 · n⌉ of the sorted values (rank 1 at
/// least); `nil` for no values. What reports and benchmarks quote for latencies.
///
/// Not real-time safe: sorts a copy.
///
/// - Complexity: O(*n* log *n*).
public func nearestRankPercentile(_ values: [Double], percent: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

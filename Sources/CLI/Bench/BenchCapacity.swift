import Call

/// What `attendant bench --find-capacity` found: each run's call count and whether it held, and the largest that did.
struct BenchCapacity: Encodable {
    /// A run holds when no block was late and the p99 turn latency stayed within this.
    static let turnLatencyLimitMilliseconds = 600.0

    /// One run of the search.
    struct Run: Encodable {
        var callCount: Int
        var hasHeld: Bool
        var engineCores: Double
        var lateBlockCount: Int
        var turnLatencyP99Milliseconds: Double
        var passedCallCount: Int
        var endedCallCount: Int
        var peakResidentMegabytes: Double

        init(_ report: CallBenchReport) {
            self.callCount = report.requestedCallCount
            self.hasHeld =
                report.lateBlockCount == 0
                && report.turnLatencyP99Milliseconds <= BenchCapacity.turnLatencyLimitMilliseconds
            self.engineCores = report.engineCores
            self.lateBlockCount = report.lateBlockCount
            self.turnLatencyP99Milliseconds = report.turnLatencyP99Milliseconds
            self.passedCallCount = report.passedCallCount
            self.endedCallCount = report.endedCallCount
            self.peakResidentMegabytes = report.peakResidentMegabytes
        }
    }

    var runs: [Run] = []
    /// The most calls at once that held; `nil` when the first run did not.
    var largestHeldCallCount: Int?
}

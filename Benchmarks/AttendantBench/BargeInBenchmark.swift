import Voice

/// Cost per 10 ms block of the barge-in detector at 16 kHz (its own delay finder, NLMS echo filter and Attendant's
/// VAD on the residual), on a speech-like far end and its echo through a 60 ms path at gain 0.5, and allocations
/// per block. Latency on the constructed calls is in `BargeInDetectorTests`.
enum BargeInBenchmark {
    static let blockCount = 5_000

    static func run(into report: inout Report, isQuick: Bool) {
        let blockCount = isQuick ? Self.blockCount / 10 : Self.blockCount
        let sampleRate = 16000
        let frameCount = sampleRate / 100
        let far = TestSignal.speechLike(sampleRate: sampleRate, seconds: 4).map { Float($0) / 32768 }
        let delay = sampleRate * 60 / 1000
        let capture = far.indices.map { $0 >= delay ? 0.5 * far[$0 - delay] : 0 }
        let signalBlockCount = far.count / frameCount
        var detector = try! BargeInDetector(sampleRate: sampleRate)

        func loop(_ count: Int) {
            far.withUnsafeBufferPointer { reference in
                capture.withUnsafeBufferPointer { near in
                    var events = 0
                    for block in 0..<count {
                        let start = (block % signalBlockCount) * frameCount
                        let action = detector.process(
                            capture: UnsafeBufferPointer(rebasing: near[start..<start + frameCount]),
                            reference: UnsafeBufferPointer(rebasing: reference[start..<start + frameCount]),
                            sampleTime: Int64(block * frameCount))
                        if action != .none { events += 1 }
                    }
                    blackHole(events)
                }
            }
        }
        let cost = 1e6 * medianSecondsPerOperation(operationCount: blockCount) { loop(blockCount) }
        report.add(
            Measurement(
                group: "bargein", name: "barge-in detector 16 kHz", value: cost, unit: "µs/10ms block",
                note: "delay finder (0-400 ms) + 16 ms NLMS + VAD on the residual"))
        let allocations = allocationsPerOperation(operationCount: 1000) { loop(1000) }
        report.add(
            Measurement(
                group: "alloc", name: "barge-in detector 16 kHz", value: allocations, unit: "allocs/block",
                target: .atMost(0)))
    }
}

import CAllocationCounter
import Voice

/// webrtc-audio-processing per call: cost of one 10 ms block in the `line` (HPF+NS+AGC) and `headset` (+AEC)
/// profiles at 8 and 16 kHz, memory per instance, and heap allocations per block.
enum APMBenchmark {
    static let seconds = 10.0
    static let instanceCount = 20

    static func run(into report: inout Report, isQuick: Bool) {
        for sampleRate in [8000, 16000] {
            let frameCount = sampleRate / 100
            let speech = TestSignal.speechLike(sampleRate: sampleRate, seconds: isQuick ? 2 : Self.seconds)
                .map { Float($0) / 32768 }
            // The capture is the far end's echo: 40 ms later at half level.
            let delay = sampleRate / 25
            let capture = speech.indices.map { $0 >= delay ? 0.5 * speech[$0 - delay] : 0 }
            let blockCount = speech.count / frameCount
            var lineMicroseconds = 0.0

            for profile in VoiceProcessingProfile.allCases {
                let processor = try! VoiceProcessor(profile: profile, sampleRate: sampleRate)
                var block = [Float](repeating: 0, count: frameCount)
                let runBlocks = {
                    speech.withUnsafeBufferPointer { far in
                        capture.withUnsafeBufferPointer { near in
                            block.withUnsafeMutableBufferPointer { buffer in
                                for index in 0..<blockCount {
                                    let range = index * frameCount..<(index + 1) * frameCount
                                    processor.analyzeRender(UnsafeBufferPointer(rebasing: far[range]))
                                    _ = buffer.update(fromContentsOf: near[range])
                                    processor.processCapture(buffer)
                                }
                            }
                        }
                    }
                }
                let microseconds =
                    1e6 * medianSecondsPerOperation(operationCount: blockCount, repetitions: isQuick ? 3 : 5, runBlocks)
                let allocations = allocationsPerOperation(operationCount: blockCount, runBlocks)
                let kHz = sampleRate / 1000
                let components = profile == .line ? "HPF+NS+AGC" : "HPF+NS+AGC+AEC, render included"
                if profile == .line { lineMicroseconds = microseconds }
                report.add(
                    Measurement(
                        group: "apm", name: "\(profile) \(kHz) kHz", value: microseconds, unit: "µs/10ms block",
                        note: profile == .line
                            ? "\(components); issue measured ≈31 with VAD"
                            : "\(components); +\(formatted(microseconds - lineMicroseconds)) over line (issue ≈+50)"))
                report.add(
                    Measurement(
                        group: "apm", name: "\(profile) \(kHz) kHz bytes/instance",
                        value: Self.bytesPerInstance(profile: profile, sampleRate: sampleRate), unit: "bytes",
                        note: "mallinfo2 uordblks over \(Self.instanceCount) instances; issue ≈35 KB / 370 KB"))
                report.add(
                    Measurement(
                        group: "alloc", name: "apm \(profile) \(kHz) kHz", value: allocations, unit: "allocs/block",
                        target: .atMost(0), note: processor.failedBlockCount == 0 ? "" : "blocks failed"))
            }
        }
    }

    /// Heap bytes in use per processor, from glibc's count of allocated bytes before and after making
    /// `instanceCount` of them.
    static func bytesPerInstance(profile: VoiceProcessingProfile, sampleRate: Int) -> Double {
        var processors: [VoiceProcessor] = []
        processors.reserveCapacity(Self.instanceCount)
        let before = attendant_heap_bytes_in_use()
        for _ in 0..<Self.instanceCount {
            processors.append(try! VoiceProcessor(profile: profile, sampleRate: sampleRate))
        }
        let after = attendant_heap_bytes_in_use()
        blackHole(processors)
        return Double(after - before) / Double(Self.instanceCount)
    }
}

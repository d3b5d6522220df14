import Voice

/// Cost per 10 ms block of Attendant's voice-activity detector (SIMD kernels and the scalar reference) against
/// WebRTC's, at 8 and 16 kHz, measured in the same run on the same speech-like signal, plus allocations per block.
/// Accuracy side by side is `attendant eval vad`.
enum VADBenchmark {
    static let blockCount = 20_000

    static func run(into report: inout Report, isQuick: Bool) {
        let blockCount = isQuick ? Self.blockCount / 10 : Self.blockCount
        for sampleRate in [8000, 16000] {
            let blockFrameCount = sampleRate / 100
            let speech = TestSignal.speechLike(sampleRate: sampleRate, seconds: 4).map { Float($0) / 32768 }
            let speechBlockCount = speech.count / blockFrameCount
            let detector = try! VoiceActivityDetector(sampleRate: sampleRate)
            let webRTC = try! WebRTCVoiceActivityDetector(mode: 3, sampleRate: sampleRate)
            let rate = "\(sampleRate / 1000) kHz"

            func attendantLoop() {
                speech.withUnsafeBufferPointer { buffer in
                    var speechCount = 0
                    for block in 0..<blockCount {
                        let start = (block % speechBlockCount) * blockFrameCount
                        if detector.process(buffer, from: start).isSpeech { speechCount += 1 }
                    }
                    blackHole(speechCount)
                }
            }
            let simd = 1e6 * medianSecondsPerOperation(operationCount: blockCount, attendantLoop)
            VoiceActivityKernels.isReferenceForced = true
            let reference = 1e6 * medianSecondsPerOperation(operationCount: blockCount, attendantLoop)
            VoiceActivityKernels.isReferenceForced = false
            let webRTCCost =
                1e6
                * medianSecondsPerOperation(operationCount: blockCount) {
                    speech.withUnsafeBufferPointer { buffer in
                        var speechCount = 0
                        for block in 0..<blockCount {
                            let start = (block % speechBlockCount) * blockFrameCount
                            let slice = UnsafeBufferPointer(rebasing: buffer[start..<start + blockFrameCount])
                            if webRTC.process(slice) { speechCount += 1 }
                        }
                        blackHole(speechCount)
                    }
                }

            report.add(
                Measurement(
                    group: "vad", name: "WebRTC VAD \(rate)", value: webRTCCost, unit: "µs/10ms block",
                    note: "mode 3, float to int16 included; the baseline"))
            report.add(
                Measurement(
                    group: "vad", name: "Attendant VAD \(rate) SIMD", value: simd, unit: "µs/10ms block",
                    target: .atMost(webRTCCost / 2), note: "target: half of WebRTC's, same run"))
            report.add(
                Measurement(
                    group: "vad", name: "Attendant VAD \(rate) reference", value: reference, unit: "µs/10ms block",
                    note: "scalar reference kernels (ATTENDANT_REFERENCE_KERNELS=1)"))

            var endpointer = Endpointer(sampleRate: sampleRate)
            let allocations = allocationsPerOperation(operationCount: 1000) {
                speech.withUnsafeBufferPointer { buffer in
                    for block in 0..<1000 {
                        let start = (block % speechBlockCount) * blockFrameCount
                        let activity = detector.process(buffer, from: start)
                        blackHole(
                            endpointer.process(
                                activity, sampleTime: Int64(block * blockFrameCount), frameCount: blockFrameCount))
                    }
                }
            }
            report.add(
                Measurement(
                    group: "alloc", name: "vad + endpointer \(rate)", value: allocations, unit: "allocs/block",
                    target: .atMost(0)))
        }
    }

    /// Blocks run by `runForInstructionCount`, at each rate, for each detector.
    static let countedBlockCount = 10_000

    /// Runs each detector over `countedBlockCount` blocks once, with no timing, for instruction counts under
    /// callgrind: `valgrind --tool=callgrind --toggle-collect='*countedOwnBlocks*'
    /// .build/release/attendant-bench --only vad-count` (and `*countedWebRTCBlocks*` for the baseline). Counts are
    /// deterministic where timing on a shared machine is not; divide by `countedBlockCount`.
    static func runForInstructionCount(into report: inout Report, isQuick: Bool) {
        for sampleRate in [8000, 16000] {
            let speech = TestSignal.speechLike(sampleRate: sampleRate, seconds: 4).map { Float($0) / 32768 }
            let detector = try! VoiceActivityDetector(sampleRate: sampleRate)
            let webRTC = try! WebRTCVoiceActivityDetector(mode: 3, sampleRate: sampleRate)
            let rate = "\(sampleRate / 1000) kHz"
            report.add(
                Measurement(
                    group: "vad-count", name: "Attendant VAD \(rate) speech blocks",
                    value: Double(Self.countedOwnBlocks(detector, speech: speech)), unit: "blocks",
                    note: "of \(Self.countedBlockCount); run under callgrind for instruction counts"))
            report.add(
                Measurement(
                    group: "vad-count", name: "WebRTC VAD \(rate) speech blocks",
                    value: Double(Self.countedWebRTCBlocks(webRTC, speech: speech)), unit: "blocks",
                    note: "of \(Self.countedBlockCount); mode 3"))
        }
    }

    @inline(never)
    static func countedOwnBlocks(_ detector: VoiceActivityDetector, speech: [Float]) -> Int {
        let blockFrameCount = detector.blockFrameCount
        let speechBlockCount = speech.count / blockFrameCount
        return speech.withUnsafeBufferPointer { buffer in
            var speechCount = 0
            for block in 0..<Self.countedBlockCount {
                let start = (block % speechBlockCount) * blockFrameCount
                if detector.process(buffer, from: start).isSpeech { speechCount += 1 }
            }
            return speechCount
        }
    }

    @inline(never)
    static func countedWebRTCBlocks(_ detector: WebRTCVoiceActivityDetector, speech: [Float]) -> Int {
        let blockFrameCount = detector.blockFrameCount
        let speechBlockCount = speech.count / blockFrameCount
        return speech.withUnsafeBufferPointer { buffer in
            var speechCount = 0
            for block in 0..<Self.countedBlockCount {
                let start = (block % speechBlockCount) * blockFrameCount
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<start + blockFrameCount])
                if detector.process(slice) { speechCount += 1 }
            }
            return speechCount
        }
    }
}

import Codecs

/// Opus encode and decode of 20 ms blocks of speech-like audio at complexities 0, 3 and 10.
enum OpusBenchmark {
    static func run(into report: inout Report, isQuick: Bool) {
        for (sampleRate, bitrate) in [(16000, 24000), (8000, 16000)] {
            let speech = TestSignal.speechLike(sampleRate: sampleRate, seconds: isQuick ? 1 : 4)
            for complexity in [0, 3, 10] {
                guard
                    let encoder = try? OpusEncoder(
                        configuration: .init(sampleRate: sampleRate, complexity: complexity, bitrate: bitrate)),
                    let decoder = try? OpusDecoder(sampleRate: sampleRate)
                else {
                    continue
                }
                let frameCount = encoder.packetFrameCount
                let blockCount = speech.count / frameCount
                var packets = [[UInt8]](repeating: [], count: blockCount)
                var packet = [UInt8](repeating: 0, count: OpusEncoder.recommendedPacketCapacity)
                var decoded = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount)

                let encodeSeconds = medianSecondsPerOperation(operationCount: blockCount, repetitions: 3) {
                    encoder.reset()
                    speech.withUnsafeBufferPointer { source in
                        packet.withUnsafeMutableBufferPointer { destination in
                            for block in 0..<blockCount {
                                let input = UnsafeBufferPointer(
                                    rebasing: source[block * frameCount..<(block + 1) * frameCount])
                                if case .success(let byteCount) = encoder.encode(input, into: destination) {
                                    packets[block] = Array(destination[0..<byteCount])
                                }
                            }
                        }
                    }
                }
                let decodeSeconds = medianSecondsPerOperation(operationCount: blockCount, repetitions: 3) {
                    decoder.reset()
                    decoded.withUnsafeMutableBufferPointer { destination in
                        for block in 0..<blockCount {
                            packets[block].withUnsafeBufferPointer { _ = decoder.decode($0, into: destination) }
                        }
                    }
                }
                let label = "\(sampleRate / 1000) kHz \(bitrate / 1000) kbit/s c\(complexity)"
                report.add(
                    Measurement(group: "opus", name: "encode \(label)", value: encodeSeconds * 1e6, unit: "µs/20ms"))
                report.add(
                    Measurement(group: "opus", name: "decode \(label)", value: decodeSeconds * 1e6, unit: "µs/20ms"))

                if sampleRate == 16000 && complexity == 3 {
                    let allocations = allocationsPerOperation(operationCount: blockCount) {
                        speech.withUnsafeBufferPointer { source in
                            packet.withUnsafeMutableBufferPointer { bytes in
                                decoded.withUnsafeMutableBufferPointer { pcm in
                                    for block in 0..<blockCount {
                                        let input = UnsafeBufferPointer(
                                            rebasing: source[block * frameCount..<(block + 1) * frameCount])
                                        if case .success(let byteCount) = encoder.encode(input, into: bytes) {
                                            _ = decoder.decode(
                                                UnsafeBufferPointer(rebasing: bytes[0..<byteCount]), into: pcm)
                                        }
                                    }
                                    _ = decoder.decode(nil, into: pcm)
                                }
                            }
                        }
                    }
                    report.add(
                        Measurement(
                            group: "alloc", name: "opus encode+decode+PLC", value: allocations, unit: "allocs/block",
                            target: .atMost(0)))
                }
            }
        }
    }
}

import Codecs

/// G.711 encode and decode of one 20 ms block at 8 kHz (160 samples), SIMD kernel against its scalar reference.
enum G711Benchmark {
    static let blockFrameCount = 160
    static let blockCount = 20_000

    static func run(into report: inout Report, isQuick: Bool) {
        let blockCount = isQuick ? Self.blockCount / 10 : Self.blockCount
        let speech = TestSignal.speechLike(sampleRate: 8000, seconds: 2)
        var samples = [Int16](repeating: 0, count: Self.blockFrameCount)
        var codes = [UInt8](repeating: 0, count: Self.blockFrameCount)

        for law in [G711.Law.muLaw, .aLaw] {
            let lawName = law == .muLaw ? "µ-law" : "A-law"
            // Three ways to code a block: one sample per call through the public single-sample API (a cross-module
            // call, so the compiler cannot vectorize it: the scalar reference as written), the reference kernel's
            // loop (inlined, which LLVM auto-vectorizes where the code is branch-free), and the SIMD kernel.
            var encodeNanoseconds: [String: Double] = [:]
            var decodeNanoseconds: [String: Double] = [:]
            for variant in ["scalar", "reference loop", "SIMD"] {
                encodeNanoseconds[variant] =
                    1e9
                    * medianSecondsPerOperation(operationCount: blockCount) {
                        speech.withUnsafeBufferPointer { source in
                            codes.withUnsafeMutableBufferPointer { destination in
                                for block in 0..<blockCount {
                                    let start = (block * Self.blockFrameCount) % (source.count - Self.blockFrameCount)
                                    let input = UnsafeBufferPointer(
                                        rebasing: source[start..<start + Self.blockFrameCount])
                                    switch variant {
                                    case "scalar":
                                        for index in input.indices {
                                            destination[index] = G711.encode(input[index], law: law)
                                        }
                                    case "reference loop":
                                        G711.encode(input, law: law, into: destination, kernel: .reference)
                                    default:
                                        G711.encode(input, law: law, into: destination, kernel: .vectorized)
                                    }
                                }
                            }
                        }
                        blackHole(codes)
                    }
                decodeNanoseconds[variant] =
                    1e9
                    * medianSecondsPerOperation(operationCount: blockCount) {
                        codes.withUnsafeBufferPointer { source in
                            samples.withUnsafeMutableBufferPointer { destination in
                                for _ in 0..<blockCount {
                                    switch variant {
                                    case "scalar":
                                        for index in source.indices {
                                            destination[index] = G711.decode(source[index], law: law)
                                        }
                                    case "reference loop":
                                        G711.decode(source, law: law, into: destination, kernel: .reference)
                                    default:
                                        G711.decode(source, law: law, into: destination, kernel: .vectorized)
                                    }
                                    blackHole(destination.baseAddress)
                                }
                            }
                        }
                        blackHole(samples)
                    }
            }

            for (operation, nanoseconds) in [("encode", encodeNanoseconds), ("decode", decodeNanoseconds)] {
                for variant in ["scalar", "reference loop", "SIMD"] {
                    report.add(
                        Measurement(
                            group: "g711", name: "\(lawName) \(operation) \(variant)", value: nanoseconds[variant]!,
                            unit: "ns/20ms block",
                            note: variant == "reference loop" ? "inlined reference; LLVM may auto-vectorize it" : ""))
                }
                report.add(
                    Measurement(
                        group: "g711", name: "\(lawName) \(operation) SIMD speed-up",
                        value: nanoseconds["scalar"]! / nanoseconds["SIMD"]!,
                        unit: "×", target: .atLeast(4), note: "SIMD kernel against one sample per call, same run"))
            }
        }

        let allocations = allocationsPerOperation(operationCount: 1000) {
            samples.withUnsafeMutableBufferPointer { pcm in
                codes.withUnsafeMutableBufferPointer { bytes in
                    for _ in 0..<1000 {
                        G711.encode(UnsafeBufferPointer(pcm), law: .muLaw, into: bytes)
                        G711.decode(UnsafeBufferPointer(bytes), law: .muLaw, into: pcm)
                    }
                }
            }
        }
        report.add(
            Measurement(
                group: "alloc", name: "g711 encode+decode", value: allocations, unit: "allocs/block",
                target: .atMost(0)))
    }
}

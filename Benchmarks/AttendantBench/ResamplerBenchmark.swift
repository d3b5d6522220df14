import Codecs
import Foundation

/// Cost and quality of the speexdsp resampler per quality setting, over the rate pairs the engine uses.
///
/// For each pair and quality: microseconds per 10 ms input block (mono, float, median of several passes over
/// 10 s of input), and the SNR of a 1 kHz and a 3.4 kHz (telephony band edge) sine at −6 dBFS against the analytic sine at the output
/// rate, after `skipLeadingLatency()` (so no phase fitting), with 50 ms trimmed at each end.
enum ResamplerBenchmark {
    static let pairs = [(8_000, 16_000), (16_000, 8_000), (48_000, 16_000), (44_100, 16_000), (16_000, 48_000)]

    /// The engine's default quality and speexdsp's "VoIP" setting, for comparison.
    static func run(into report: inout Report, isQuick: Bool) {
        self.run(qualities: [Resampler.defaultQuality, 3], group: "resample", into: &report)
        self.countAllocations(into: &report)
    }

    /// Every quality from 0 to 10: the table behind the choice of the default.
    static func runSweep(into report: inout Report, isQuick: Bool) {
        self.run(qualities: Array(0...10), group: "resample-sweep", into: &report)
    }

    static func run(qualities: [Int], group: String, into report: inout Report) {
        for (inputRate, outputRate) in self.pairs {
            for quality in qualities {
                let label =
                    "\(formatted(Double(inputRate) / 1000))→\(formatted(Double(outputRate) / 1000)) kHz q\(quality)"
                report.add(
                    Measurement(
                        group: group, name: label, value: self.cost(inputRate, outputRate, quality),
                        unit: "µs/10ms block"))
                report.add(
                    Measurement(
                        group: group, name: "\(label) SNR 3.4 kHz",
                        value: self.snr(inputRate, outputRate, quality, frequency: 3_400),
                        unit: "dB", note: "against the analytic sine at the output rate"))
                if outputRate < inputRate {
                    report.add(
                        Measurement(
                            group: group, name: "\(label) alias rejection",
                            value: self.aliasRejection(inputRate, outputRate, quality), unit: "dB",
                            note: "sine at 1.25 × output Nyquist"))
                }
            }
        }
    }

    /// Heap allocations per 10 ms block in `process` (the target is zero).
    static func countAllocations(into report: inout Report) {
        guard let resampler = try? Resampler(inputSampleRate: 8000, outputSampleRate: 16000) else { return }
        let input = [Float](repeating: 0.25, count: 80)
        var output = [Float](repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: 80))
        let allocations = allocationsPerOperation(operationCount: 1000) {
            input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    for _ in 0..<1000 { _ = resampler.process(source, into: destination) }
                }
            }
        }
        report.add(
            Measurement(
                group: "alloc", name: "resample 8→16 kHz", value: allocations, unit: "allocs/block",
                target: .atMost(0)))
    }

    /// Median microseconds to resample one 10 ms block, over 10 s of input, five passes.
    static func cost(_ inputRate: Int, _ outputRate: Int, _ quality: Int) -> Double {
        let resampler = try! Resampler(inputSampleRate: inputRate, outputSampleRate: outputRate, quality: quality)
        let blockFrameCount = inputRate / 100
        let blockCount = 1_000
        let input = (0..<blockFrameCount).map { Float(sin(Double($0) * 0.3)) * 0.5 }
        var output = [Float](
            repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: blockFrameCount))
        var passes: [Double] = []
        for _ in 0..<5 {
            let start = ContinuousClock.now
            input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { output in
                    for _ in 0..<blockCount {
                        _ = resampler.process(input, into: output)
                    }
                }
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            passes.append(seconds * 1e6 / Double(blockCount))
        }
        return passes.sorted()[passes.count / 2]
    }

    /// For downsampling, how far a sine at 1.25 × the output Nyquist frequency is attenuated (input level over
    /// output level, in dB); 0 for upsampling, where nothing can alias.
    static func aliasRejection(_ inputRate: Int, _ outputRate: Int, _ quality: Int) -> Double {
        guard outputRate < inputRate else { return 0 }
        let resampler = try! Resampler(inputSampleRate: inputRate, outputSampleRate: outputRate, quality: quality)
        let frequency = 1.25 * Double(outputRate) / 2
        let input = (0..<inputRate).map {
            Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / Double(inputRate)))
        }
        var output = [Float](repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: inputRate))
        let progress = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        let trim = outputRate / 20
        let kept = output[trim..<(progress.producedFrameCount - trim)]
        let power = kept.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(kept.count)
        return 10 * log10(0.125 / max(power, 1e-30))
    }

    /// SNR of a resampled sine against the analytic sine at the output rate.
    static func snr(_ inputRate: Int, _ outputRate: Int, _ quality: Int, frequency: Double) -> Double {
        let resampler = try! Resampler(inputSampleRate: inputRate, outputSampleRate: outputRate, quality: quality)
        resampler.skipLeadingLatency()
        let inputFrameCount = inputRate
        let input = (0..<inputFrameCount).map {
            Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / Double(inputRate)))
        }
        var output = [Float](
            repeating: 0, count: resampler.maximumOutputFrameCount(forInputFrameCount: inputFrameCount) + 1_000)
        let progress = input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        let trim = outputRate / 20
        var signal = 0.0
        var noise = 0.0
        for index in trim..<(progress.producedFrameCount - trim) {
            let expected = 0.5 * sin(2 * Double.pi * frequency * Double(index) / Double(outputRate))
            signal += expected * expected
            noise += (Double(output[index]) - expected) * (Double(output[index]) - expected)
        }
        return 10 * log10(signal / max(noise, 1e-30))
    }
}

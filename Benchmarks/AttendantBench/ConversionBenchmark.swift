import AudioCore
import Codecs

/// Int16 ↔ Float conversion of one 10 ms block at 16 kHz (160 samples), SIMD kernel against its scalar
/// reference, and audio-graph renders (sine → gain → ring tap, and a phone call's G.711 ring → decoder →
/// resampler 8 → 16 kHz → ring tap) with their allocation counts.
enum ConversionBenchmark {
    static let blockSampleCount = 160
    static let blockCount = 100_000

    static func run(into report: inout Report, isQuick: Bool) {
        let blockCount = isQuick ? Self.blockCount / 10 : Self.blockCount
        let speech = TestSignal.speechLike(sampleRate: 16000, seconds: 0.01)
        var floats = [Float](repeating: 0, count: Self.blockSampleCount)
        var integers = [Int16](repeating: 0, count: Self.blockSampleCount)

        let toFloatReference = self.time(blockCount) {
            speech.withUnsafeBufferPointer { source in
                floats.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(source, to: $0) }
            }
        }
        let toFloatVectorized = self.time(blockCount) {
            speech.withUnsafeBufferPointer { source in
                floats.withUnsafeMutableBufferPointer { SampleConversion.Vectorized.convert(source, to: $0) }
            }
        }
        let toIntegerReference = self.time(blockCount) {
            floats.withUnsafeBufferPointer { source in
                integers.withUnsafeMutableBufferPointer { SampleConversion.Reference.convert(source, to: $0) }
            }
        }
        let toIntegerVectorized = self.time(blockCount) {
            floats.withUnsafeBufferPointer { source in
                integers.withUnsafeMutableBufferPointer { SampleConversion.Vectorized.convert(source, to: $0) }
            }
        }
        for (name, reference, vectorized) in [
            ("Int16→Float", toFloatReference, toFloatVectorized),
            ("Float→Int16", toIntegerReference, toIntegerVectorized),
        ] {
            report.add(
                Measurement(group: "convert", name: "\(name) scalar reference", value: reference, unit: "ns/10ms block")
            )
            report.add(Measurement(group: "convert", name: "\(name) SIMD", value: vectorized, unit: "ns/10ms block"))
            report.add(
                Measurement(
                    group: "convert", name: "\(name) SIMD speed-up", value: reference / vectorized, unit: "×",
                    note: "160 samples, same run"))
        }

        self.runGraph(into: &report, blockCount: blockCount)
    }

    /// Median nanoseconds per call of `body`.
    static func time(_ blockCount: Int, _ body: () -> Void) -> Double {
        1e9
            * medianSecondsPerOperation(operationCount: blockCount) {
                for _ in 0..<blockCount { body() }
            }
    }

    static func runGraph(into report: inout Report, blockCount: Int) {
        guard let format = try? AudioFormat(sampleRate: 16000, channelCount: 1) else { return }
        let ring = BlockRingBuffer<Float>(minimumBlockCapacity: 8, blockSampleCount: Self.blockSampleCount)
        guard
            let graph = try? AudioGraph(
                format: format, block: .graph,
                nodes: [SineSource(frequency: 440, amplitude: 0.5), GainNode(gain: 0.5), BlockRingTap(ring: ring)])
        else { return }
        var output = [Float](repeating: 0, count: Self.blockSampleCount)
        var drained = [Float](repeating: 0, count: Self.blockSampleCount)
        let renderOne = {
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            _ = drained.withUnsafeMutableBufferPointer { ring.tryRead(blocksInto: $0) }
        }
        report.add(
            Measurement(
                group: "graph", name: "sine → gain → ring tap render", value: self.time(blockCount, renderOne),
                unit: "ns/10ms block", note: "16 kHz mono, drained by the same thread"))
        let allocations = allocationsPerOperation(operationCount: 1000) {
            for _ in 0..<1000 { renderOne() }
        }
        report.add(
            Measurement(
                group: "alloc", name: "graph render", value: allocations, unit: "allocs/block", target: .atMost(0)))

        self.runCallGraph(into: &report, blockCount: blockCount)
    }

    /// A phone call's receive path per 10 ms block: one block of µ-law codes written to the ring, rendered through
    /// G.711 ring → decoder → resampler 8 → 16 kHz → ring tap, and the tapped 16 kHz block read back, all on one
    /// thread.
    static func runCallGraph(into report: inout Report, blockCount: Int) {
        let codeRing = BlockRingBuffer<UInt8>(minimumBlockCapacity: 8, blockSampleCount: 80)
        let tapRing = BlockRingBuffer<Float>(minimumBlockCapacity: 8, blockSampleCount: Self.blockSampleCount)
        guard
            let graph = try? AudioGraph(
                format: .narrowband, block: .graph,
                nodes: [
                    G711DecoderSource(ring: codeRing, law: .muLaw), ResamplerNode(outputSampleRate: 16000),
                    BlockRingTap(ring: tapRing),
                ])
        else { return }
        let speech = TestSignal.speechLike(sampleRate: 8000, seconds: 0.01)
        var codes = [UInt8](repeating: 0, count: 80)
        speech.withUnsafeBufferPointer { speech in
            codes.withUnsafeMutableBufferPointer { _ = G711.encode(speech, law: .muLaw, into: $0) }
        }
        var output = [Float](repeating: 0, count: Self.blockSampleCount)
        var drained = [Float](repeating: 0, count: Self.blockSampleCount)
        let renderOne = {
            _ = codes.withUnsafeBufferPointer { codeRing.tryWrite(blocks: $0) }
            output.withUnsafeMutableBufferPointer { graph.render(input: nil, output: $0) }
            _ = drained.withUnsafeMutableBufferPointer { tapRing.tryRead(blocksInto: $0) }
        }
        report.add(
            Measurement(
                group: "graph", name: "G.711 ring → decoder → resample 8→16 kHz → tap",
                value: self.time(blockCount, renderOne),
                unit: "ns/10ms block", note: "µ-law in, 16 kHz out, resampler quality 5, one thread"))
        let allocations = allocationsPerOperation(operationCount: 1000) {
            for _ in 0..<1000 { renderOne() }
        }
        report.add(
            Measurement(
                group: "alloc", name: "G.711 call graph render", value: allocations, unit: "allocs/block",
                target: .atMost(0)))
    }
}

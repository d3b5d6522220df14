import AudioCore
import Foundation
import Spotting

/// CPU cost per second of 16 kHz audio of the spotter's front end: the mel frames, the streaming speech embedding
/// (only the rows each 80 ms chunk adds), and, as the baseline measured in the same run, the whole network run
/// again for every window as onnxruntime does; plus allocations per 10 ms block. onnxruntime's own cost on one
/// core is printed by `tools/speech-embedding-reference`.
enum EmbeddingBenchmark {
    /// Chunks (80 ms each) per timed pass.
    static let chunkCount = 250

    /// Chunks per second of audio: 12.5, and as many windows.
    static let chunksPerSecond = Double(SpeechEmbedder.sampleRate) / Double(MelFrontEnd.chunkSampleCount)

    static func loadWeights() -> SpeechEmbeddingWeights {
        do {
            return try SpeechEmbeddingWeights.load()
        } catch {
            FileHandle.standardError.write(Data("attendant-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(into report: inout Report, isQuick: Bool) {
        let chunkCount = isQuick ? Self.chunkCount / 10 : Self.chunkCount
        let weights = Self.loadWeights()
        let network = SpeechEmbeddingNetwork(weights: weights)
        let melFrontEnd = MelFrontEnd(weights: weights)
        let speech = TestSignal.speechLike(sampleRate: 16000, seconds: 4)
        let speechFloats = speech.map(Float.init)
        let chunkStarts = stride(
            from: 0, through: speech.count - MelFrontEnd.inputSampleCount, by: MelFrontEnd.chunkSampleCount
        ).map { $0 }

        // Mel frames of every chunk of the signal, for the network's inputs.
        var frames = [Float](repeating: 0, count: MelFrontEnd.frameCount * SpeechEmbeddingArchitecture.bandCount)
        var allFrames: [[Float]] = []
        speechFloats.withUnsafeBufferPointer { samples in
            for start in chunkStarts {
                frames.withUnsafeMutableBufferPointer { output in
                    melFrontEnd.process(
                        UnsafeBufferPointer(rebasing: samples[start..<start + MelFrontEnd.inputSampleCount]),
                        into: output)
                }
                allFrames.append(frames)
            }
        }
        let windows = (0...(allFrames.count - StreamingEmbedding.warmUpPushCount)).map { first in
            Array(allFrames[first..<first + StreamingEmbedding.warmUpPushCount].joined().dropFirst(4 * 32))
        }

        let melCost = medianCPUSecondsPerOperation(operationCount: chunkCount) {
            speechFloats.withUnsafeBufferPointer { samples in
                frames.withUnsafeMutableBufferPointer { output in
                    for chunk in 0..<chunkCount {
                        let start = chunkStarts[chunk % chunkStarts.count]
                        melFrontEnd.process(
                            UnsafeBufferPointer(rebasing: samples[start..<start + MelFrontEnd.inputSampleCount]),
                            into: output)
                    }
                }
            }
        }

        let streaming = StreamingEmbedding(network: network)
        var embedding = [Float](repeating: 0, count: SpeechEmbeddingArchitecture.embeddingCount)
        func streamingLoop(_ count: Int) {
            embedding.withUnsafeMutableBufferPointer { output in
                for chunk in 0..<count {
                    _ = allFrames[chunk % allFrames.count].withUnsafeBufferPointer { streaming.push($0, into: output) }
                }
            }
        }
        let streamingCost = medianCPUSecondsPerOperation(operationCount: chunkCount) { streamingLoop(chunkCount) }
        let referenceCount = max(chunkCount / 25, 2)
        SpeechEmbeddingKernels.isReferenceForced = true
        let referenceCost = medianCPUSecondsPerOperation(operationCount: referenceCount, repetitions: 3) {
            streamingLoop(referenceCount)
        }
        SpeechEmbeddingKernels.isReferenceForced = false

        let whole = WindowEmbedding(network: network)
        let wholeCount = max(chunkCount / 5, 2)
        let wholeCost = medianCPUSecondsPerOperation(operationCount: wholeCount) {
            embedding.withUnsafeMutableBufferPointer { output in
                for window in 0..<wholeCount {
                    windows[window % windows.count].withUnsafeBufferPointer { whole.embed($0, into: output) }
                }
            }
        }

        let embedder = SpeechEmbedder(network: network, melFrontEnd: melFrontEnd)
        let blockFrameCount = 160
        let blockCount = chunkCount * MelFrontEnd.chunkSampleCount / blockFrameCount
        let speechBlockCount = speech.count / blockFrameCount
        func embedderLoop(_ count: Int) {
            speech.withUnsafeBufferPointer { samples in
                var embeddingCount = 0
                for block in 0..<count {
                    let start = (block % speechBlockCount) * blockFrameCount
                    embedder.process(UnsafeBufferPointer(rebasing: samples[start..<start + blockFrameCount])) {
                        if $0.embedding != nil { embeddingCount += 1 }
                    }
                }
                blackHole(embeddingCount)
            }
        }
        let embedderCost = medianCPUSecondsPerOperation(operationCount: blockCount) { embedderLoop(blockCount) }

        let perSecond = 1000 * Self.chunksPerSecond
        report.add(
            Measurement(
                group: "embedding", name: "mel front end", value: melCost * perSecond, unit: "ms CPU/audio s",
                note: "8 frames per 80 ms chunk, SIMD FFT"))
        report.add(
            Measurement(
                group: "embedding", name: "embedding, whole window", value: wholeCost * perSecond,
                unit: "ms CPU/audio s", note: "all 20 layers over 76 frames per window, as onnxruntime does; baseline"))
        report.add(
            Measurement(
                group: "embedding", name: "embedding, streaming", value: streamingCost * perSecond,
                unit: "ms CPU/audio s", target: .atMost(4),
                note: String(format: "new rows only; %.1fx the whole-window run", wholeCost / streamingCost)))
        report.add(
            Measurement(
                group: "embedding", name: "embedding, streaming, reference", value: referenceCost * perSecond,
                unit: "ms CPU/audio s", note: "scalar reference kernels (ATTENDANT_REFERENCE_KERNELS=1)"))
        report.add(
            Measurement(
                group: "embedding", name: "embedder, 10 ms blocks", value: embedderCost * 100 * 1000,
                unit: "ms CPU/audio s", note: "SpeechEmbedder: samples to mel to streaming embedding"))

        let allocations = allocationsPerOperation(operationCount: 1000) { embedderLoop(1000) }
        report.add(
            Measurement(
                group: "alloc", name: "speech embedder 16 kHz", value: allocations, unit: "allocs/block",
                target: .atMost(0)))

        Self.runUrgentHead(into: &report, isQuick: isQuick, embedderCost: embedderCost * 100 * 1000)
    }

    /// The shipped urgent head streaming over embeddings (one evaluation per 80 ms window), SIMD and reference;
    /// what the spotter (embedder and head) costs at 100 callers all speaking at once; allocations per window.
    static func runUrgentHead(into report: inout Report, isQuick: Bool, embedderCost: Double) {
        let head: SpotterHead
        do {
            head = try SpotterHead.load(.urgent)
        } catch {
            FileHandle.standardError.write(Data("attendant-bench: \(error)\n".utf8))
            exit(1)
        }
        let spotter = StreamingSpotter(head: head)
        var random = SeededRandomNumberGenerator(seed: 11)
        let embeddings = (0..<64).map { _ in
            (0..<SpeechEmbeddingArchitecture.embeddingCount).map { _ in Float.random(in: -1...1, using: &random) }
        }
        func pushLoop(_ count: Int) {
            var fired = 0
            for window in 0..<count {
                if embeddings[window % embeddings.count].withUnsafeBufferPointer({ spotter.push($0) }).hasFired {
                    fired += 1
                }
            }
            blackHole(fired)
        }
        let windowCount = isQuick ? 200 : 2000
        let headCost = medianCPUSecondsPerOperation(operationCount: windowCount) { pushLoop(windowCount) }
        HeadKernels.isReferenceForced = true
        let referenceCost = medianCPUSecondsPerOperation(operationCount: windowCount / 10, repetitions: 3) {
            pushLoop(windowCount / 10)
        }
        HeadKernels.isReferenceForced = false
        let perSecond = 1000 * Self.chunksPerSecond
        let shape = "\(head.contextWindowCount ?? 0) x 96 -> \(head.hiddenCount) -> \(head.classes.count)"
        report.add(
            Measurement(
                group: "embedding", name: "urgent head, streaming", value: headCost * perSecond,
                unit: "ms CPU/audio s", note: "\(shape), one evaluation per 80 ms window"))
        report.add(
            Measurement(
                group: "embedding", name: "urgent head, reference", value: referenceCost * perSecond,
                unit: "ms CPU/audio s", note: "scalar reference dense layers"))
        report.add(
            Measurement(
                group: "embedding", name: "spotter at 100 speaking callers",
                value: (embedderCost + headCost * perSecond) / 10,
                unit: "cores", target: .atMost(0.2),
                note: "(embedder in 10 ms blocks + urgent head) x 100 calls, every caller speaking"))
        report.add(
            Measurement(
                group: "alloc", name: "urgent head per window",
                value: allocationsPerOperation(operationCount: 500) {
                    pushLoop(500)
                }, unit: "allocs/window", target: .atMost(0)))
    }

    /// Chunks run by `runForInstructionCount`.
    static let countedChunkCount = 125

    /// Pushes `countedChunkCount` chunks of mel frames through the streaming network once, with no timing, for
    /// instruction counts under callgrind: `valgrind --tool=callgrind --toggle-collect='*countedPushes*'
    /// .build/release/attendant-bench --only embedding-count`. Divide by `countedChunkCount` (10 s of audio).
    static func runForInstructionCount(into report: inout Report, isQuick: Bool) {
        let weights = Self.loadWeights()
        let network = SpeechEmbeddingNetwork(weights: weights)
        let melFrontEnd = MelFrontEnd(weights: weights)
        let speech = TestSignal.speechLike(sampleRate: 16000, seconds: 2).map(Float.init)
        var frames = [Float](repeating: 0, count: MelFrontEnd.frameCount * SpeechEmbeddingArchitecture.bandCount)
        speech.withUnsafeBufferPointer { samples in
            frames.withUnsafeMutableBufferPointer { output in
                melFrontEnd.process(
                    UnsafeBufferPointer(rebasing: samples[8000..<8000 + MelFrontEnd.inputSampleCount]), into: output)
            }
        }
        let checksum = Self.countedPushes(StreamingEmbedding(network: network), frames: frames)
        report.add(
            Measurement(
                group: "embedding-count", name: "streaming pushes", value: Double(checksum), unit: "checksum",
                note: "\(Self.countedChunkCount) pushes; run under callgrind for instruction counts"))
    }

    @inline(never)
    static func countedPushes(_ streaming: StreamingEmbedding, frames: [Float]) -> Float {
        var embedding = [Float](repeating: 0, count: SpeechEmbeddingArchitecture.embeddingCount)
        embedding.withUnsafeMutableBufferPointer { output in
            frames.withUnsafeBufferPointer { input in
                for _ in 0..<Self.countedChunkCount { streaming.push(input, into: output) }
            }
        }
        return embedding.reduce(0, +)
    }
}

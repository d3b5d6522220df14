import Foundation

/// The weights of Google's speech-embedding network, repacked once for the SIMD convolution kernel.
///
/// One network may serve many streams: it is immutable after `init`, and `WindowEmbedding` and
/// `StreamingEmbedding` keep all their changing state in their own buffers. That is why `@unchecked Sendable` is
/// sound here: the weight memory is written only in `init`.
public final class SpeechEmbeddingNetwork: @unchecked Sendable {
    /// The layers' weights, in order.
    let layers: UnsafeMutableBufferPointer<ConvolutionWeights>
    private let arena: UnsafeMutableRawPointer

    /// Repacks the convolution weights of `weights`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(weights: SpeechEmbeddingWeights) {
        let architecture = SpeechEmbeddingArchitecture.layers
        let floor = weights.values("activation.floor")[0]
        var floatCount = 0
        for layer in architecture {
            let weightCount = layer.outputChannelCount * layer.inputChannelCount * layer.tapCount
            floatCount += 2 * weightCount + layer.outputChannelCount
        }
        self.arena = .allocate(byteCount: floatCount * MemoryLayout<Float>.stride, alignment: 64)
        var next = self.arena.bindMemory(to: Float.self, capacity: floatCount)
        self.layers = .allocate(capacity: architecture.count)

        for (index, layer) in architecture.enumerated() {
            let outputCount = layer.outputChannelCount
            let inputCount = layer.inputChannelCount
            let tapCount = layer.tapCount
            let weightCount = outputCount * inputCount * tapCount
            let source = weights.values("conv\(index).weight")
            let original = next
            original.initialize(from: source, count: weightCount)
            let packed = next + weightCount
            let bias = packed + weightCount
            next = bias + outputCount

            // [out][in][tap] becomes [out / 24][tap][in][out % 24].
            let block = SpeechEmbeddingKernels.channelBlockCount
            for outputChannel in 0..<outputCount {
                for inputChannel in 0..<inputCount {
                    for tap in 0..<tapCount {
                        let value = source[(outputChannel * inputCount + inputChannel) * tapCount + tap]
                        let blockStart = (outputChannel / block) * tapCount * inputCount * block
                        let within = (tap * inputCount + inputChannel) * block + outputChannel % block
                        (packed + blockStart + within).initialize(to: value)
                    }
                }
            }
            if layer.isActivated {
                bias.initialize(from: weights.values("conv\(index).bias"), count: outputCount)
            } else {
                bias.initialize(repeating: 0, count: outputCount)
            }
            self.layers.initializeElement(
                at: index,
                to: ConvolutionWeights(
                    layer: layer, original: original, packed: packed, bias: bias, floor: layer.isActivated ? floor : 0))
        }
    }

    deinit {
        self.layers.deallocate()
        self.arena.deallocate()
    }
}

/// Buffers for one run of the network over a number of input rows, and the run itself: every layer computes the
/// rows its input holds, in order.
///
/// In streaming mode each layer whose kernel spans three rows of time keeps the last two rows of its input from
/// one run to the next (`keepHistory()`), so a run with 8 new mel frames computes only the new rows of every layer:
/// 8 rows through the first pooling, 4 through the second, 2 through the third and 1 after it. The three time
/// poolings halve 8 exactly, so every run lines the pooling pairs up the same way a whole window does.
final class EmbeddingPass {
    /// One layer's input, the rows written into it and the history kept before them.
    struct Stage {
        var input: FeaturePlane
        var historyRowCount: Int
        var newRowCount: Int
        /// Where the convolution writes before pooling, for layers followed by pooling.
        var unpooled: FeaturePlane?
    }

    let network: SpeechEmbeddingNetwork
    let stages: UnsafeMutableBufferPointer<Stage>
    /// The network's output: one row of one band of 96 channels, with its padding columns.
    let output: FeaturePlane
    private let arena: UnsafeMutablePointer<Float>

    /// Makes the buffers for runs that each add `newFrameCount` mel frames to the first layer's input; in streaming
    /// mode each layer keeps the rows its kernel needs from the last run.
    ///
    /// Not real-time safe: allocates. Control thread only.
    init(network: SpeechEmbeddingNetwork, newFrameCount: Int, isStreaming: Bool) {
        let layers = SpeechEmbeddingArchitecture.layers
        var shapes: [(rows: Int, history: Int, new: Int, bands: Int, channels: Int, unpooledRows: Int)] = []
        var newRows = newFrameCount
        var bands = SpeechEmbeddingArchitecture.bandCount
        for layer in layers {
            let history = isStreaming ? layer.timeTapCount - 1 : 0
            let outputRows = history + newRows - (layer.timeTapCount - 1)
            precondition(outputRows > 0, "\(newRows) new rows are too few for a layer")
            shapes.append((history + newRows, history, newRows, bands, layer.inputChannelCount, outputRows))
            if let pooling = layer.pooling {
                precondition(outputRows % pooling.timeFactor == 0, "\(outputRows) rows do not pool evenly")
                newRows = outputRows / pooling.timeFactor
                bands /= 2
            } else {
                newRows = outputRows
            }
        }

        var floatCount = (1 + 2) * SpeechEmbeddingArchitecture.embeddingCount
        for (shape, layer) in zip(shapes, layers) {
            floatCount += shape.rows * (shape.bands + 2) * shape.channels
            if layer.pooling != nil { floatCount += shape.unpooledRows * (shape.bands + 2) * layer.outputChannelCount }
        }
        // Zeroed: the padding columns must read as zero, and history before the first run is zero.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: floatCount * MemoryLayout<Float>.stride, alignment: 64)
        self.arena = raw.initializeMemory(as: Float.self, repeating: 0, count: floatCount)
        var next = self.arena
        func plane(rows: Int, bands: Int, channels: Int) -> FeaturePlane {
            let plane = FeaturePlane(base: next, rowCount: rows, bandCount: bands, channelCount: channels)
            next += plane.valueCount
            return plane
        }

        self.network = network
        self.stages = .allocate(capacity: layers.count)
        for (index, (shape, layer)) in zip(shapes, layers).enumerated() {
            let input = plane(rows: shape.rows, bands: shape.bands, channels: shape.channels)
            let unpooled =
                layer.pooling == nil
                ? nil : plane(rows: shape.unpooledRows, bands: shape.bands, channels: layer.outputChannelCount)
            self.stages.initializeElement(
                at: index,
                to: Stage(input: input, historyRowCount: shape.history, newRowCount: shape.new, unpooled: unpooled))
        }
        self.output = plane(rows: 1, bands: 1, channels: SpeechEmbeddingArchitecture.embeddingCount)
        precondition(newRows == 1 && bands == 1, "the network must end in one row of one band")
    }

    deinit {
        self.stages.deallocate()
        self.arena.deallocate()
    }

    /// Where the next run's mel frames go: `newRowCount` rows of 32 bands, one channel, after the kept history.
    var frameInput: FeaturePlane {
        let first = self.stages[0]
        return first.input.rows(first.historyRowCount, count: first.newRowCount)
    }

    /// Runs every layer over the rows its input holds; the embedding is then in `output`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(the layers' multiply-adds for the rows held).
    func run() {
        let layers = self.network.layers
        for index in 0..<self.stages.count {
            let stage = self.stages[index]
            let weights = layers[index]
            let input = stage.input
            let target: FeaturePlane
            if index + 1 < self.stages.count {
                let next = self.stages[index + 1]
                target = next.input.rows(next.historyRowCount, count: next.newRowCount)
            } else {
                target = self.output
            }
            if let unpooled = stage.unpooled, let pooling = weights.layer.pooling {
                SpeechEmbeddingKernels.convolve(weights, input: input, output: unpooled)
                SpeechEmbeddingKernels.pool(pooling, input: unpooled, output: target)
            } else {
                SpeechEmbeddingKernels.convolve(weights, input: input, output: target)
            }
        }
    }

    /// Moves the last rows of each layer's input to the front, for the next run (streaming mode).
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(the history rows' values).
    func keepHistory() {
        for index in 0..<self.stages.count {
            let stage = self.stages[index]
            guard stage.historyRowCount > 0 else { continue }
            let input = stage.input
            let source = input.base + stage.newRowCount * input.rowStride
            memmove(input.base, source, stage.historyRowCount * input.rowStride * MemoryLayout<Float>.stride)
        }
    }

    /// Zeroes every layer's kept history, as before the first run.
    ///
    /// Real-time safe: no locks, no allocation.
    func clearHistory() {
        for index in 0..<self.stages.count {
            let stage = self.stages[index]
            stage.input.base.update(repeating: 0, count: stage.input.valueCount)
        }
    }
}

/// The whole network over one window of 76 mel frames: the definition streaming is held to, and the cost it
/// saves.
///
/// `init` allocates; `embed` does not. One thread at a time.
public final class WindowEmbedding {
    private let pass: EmbeddingPass

    /// Makes the buffers for whole windows.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(network: SpeechEmbeddingNetwork) {
        self.pass = EmbeddingPass(
            network: network, newFrameCount: SpeechEmbeddingArchitecture.windowFrameCount, isStreaming: false)
    }

    /// The embedding of one window.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Parameters:
    ///   - window: 76 frames × 32 bands, frames outermost, in openwakeword's units (dB / 10 + 2).
    ///   - embedding: Receives 96 values.
    /// - Complexity: O(the whole network's multiply-adds), about 42 million.
    public func embed(_ window: UnsafeBufferPointer<Float>, into embedding: UnsafeMutableBufferPointer<Float>) {
        let bands = SpeechEmbeddingArchitecture.bandCount
        precondition(window.count == SpeechEmbeddingArchitecture.windowFrameCount * bands, "a window is 76 × 32")
        precondition(embedding.count == SpeechEmbeddingArchitecture.embeddingCount, "an embedding is 96 values")
        writeFrames(window, into: self.pass.frameInput)
        self.pass.run()
        embedding.baseAddress!.update(
            from: self.pass.output.pointer(row: 0, band: 0), count: SpeechEmbeddingArchitecture.embeddingCount)
    }
}

/// The network over a stream of mel frames, 8 at a time: each push computes only the rows the 8 new frames add
/// to every layer, and, from the tenth push on, gives the embedding of the last 76 frames.
///
/// `init` allocates; `push` and `reset` do not. One thread at a time.
public final class StreamingEmbedding {
    private let pass: EmbeddingPass
    private let pushCount: UnsafeMutablePointer<Int>

    /// Pushes before the first embedding: 80 frames hold the first whole window.
    public static let warmUpPushCount =
        (SpeechEmbeddingArchitecture.windowFrameCount + SpeechEmbeddingArchitecture.hopFrameCount - 1)
        / SpeechEmbeddingArchitecture.hopFrameCount

    /// Makes the per-stream buffers.
    ///
    /// Not real-time safe: allocates. Control thread only.
    public init(network: SpeechEmbeddingNetwork) {
        self.pass = EmbeddingPass(
            network: network, newFrameCount: SpeechEmbeddingArchitecture.hopFrameCount, isStreaming: true)
        self.pushCount = .allocate(capacity: 1)
        self.pushCount.initialize(to: 0)
    }

    deinit {
        self.pushCount.deallocate()
    }

    /// Adds 8 mel frames and computes what they add to every layer.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Parameters:
    ///   - frames: 8 frames × 32 bands, frames outermost, in openwakeword's units (dB / 10 + 2).
    ///   - embedding: Receives the 96 values of the window of the last 76 frames pushed, once there are that many.
    /// - Returns: Whether `embedding` was written: from the tenth push on.
    /// - Complexity: O(the new rows' multiply-adds), about 5.6 million.
    @discardableResult
    public func push(_ frames: UnsafeBufferPointer<Float>, into embedding: UnsafeMutableBufferPointer<Float>) -> Bool {
        precondition(
            frames.count == SpeechEmbeddingArchitecture.hopFrameCount * SpeechEmbeddingArchitecture.bandCount,
            "a push is 8 × 32 values")
        precondition(embedding.count == SpeechEmbeddingArchitecture.embeddingCount, "an embedding is 96 values")
        writeFrames(frames, into: self.pass.frameInput)
        self.pass.run()
        self.pass.keepHistory()
        self.pushCount.pointee += 1
        guard self.pushCount.pointee >= Self.warmUpPushCount else { return false }
        embedding.baseAddress!.update(
            from: self.pass.output.pointer(row: 0, band: 0), count: SpeechEmbeddingArchitecture.embeddingCount)
        return true
    }

    /// Forgets every frame pushed, as for a new stream.
    ///
    /// Real-time safe: no locks, no allocation.
    public func reset() {
        self.pass.clearHistory()
        self.pushCount.pointee = 0
    }
}

/// Copies frames × 32 bands into a one-channel plane's interior columns.
private func writeFrames(_ frames: UnsafeBufferPointer<Float>, into plane: FeaturePlane) {
    let bands = plane.bandCount
    for row in 0..<plane.rowCount {
        plane.pointer(row: row, band: 0).update(from: frames.baseAddress! + row * bands, count: bands)
    }
}

/// The shape of Google's speech-embedding network as openwakeword 0.5.1 ships it: 20 convolutions over a window
/// of 76 mel frames × 32 bands, with max pooling between groups, down to one vector of 96 values.
///
/// Time runs along the first axis (H in the ONNX graph), mel bands along the second (W). A convolution with a
/// kernel 3 wide on the mel axis pads that axis by one zero on each side; none pads time. Every convolution but
/// the last adds a bias and is followed by LeakyReLU (slope 0.2 below zero) and a floor at −0.4.
public enum SpeechEmbeddingArchitecture {
    /// Mel frames in one window of the network's input.
    public static let windowFrameCount = 76

    /// Mel bands per frame.
    public static let bandCount = 32

    /// Values in one embedding.
    public static let embeddingCount = 96

    /// Mel frames between the starts of consecutive windows (80 ms): one window per 1280-sample chunk.
    public static let hopFrameCount = 8

    /// LeakyReLU's slope below zero.
    public static let leakySlope: Float = 0.2

    /// One convolution layer: its channels, its kernel and what follows it.
    public struct Layer: Hashable, Sendable {
        /// Channels in.
        public var inputChannelCount: Int
        /// Channels out; a multiple of 8 for every layer.
        public var outputChannelCount: Int
        /// Kernel extent along time (1 or 3).
        public var timeTapCount: Int
        /// Kernel extent along the mel axis (1 or 3); 3 pads the mel axis by one on each side.
        public var bandTapCount: Int
        /// Whether the layer adds a bias and applies the activation (every layer but the last).
        public var isActivated: Bool
        /// The max pooling after the layer, if any.
        public var pooling: Pooling?

        /// Kernel taps: `timeTapCount × bandTapCount`.
        public var tapCount: Int { self.timeTapCount * self.bandTapCount }
    }

    /// Max pooling without padding: a 2 × 2 window with stride 2, or a 1 × 2 window over mel bands only.
    public enum Pooling: Hashable, Sendable {
        /// Halves time and mel bands.
        case timeAndBands
        /// Halves mel bands only.
        case bands

        /// Rows of input per row of output.
        public var timeFactor: Int { self == .timeAndBands ? 2 : 1 }
    }

    /// The 20 layers, in order.
    public static let layers: [Layer] = {
        func layer(_ input: Int, _ output: Int, _ time: Int, _ bands: Int, pooling: Pooling? = nil) -> Layer {
            Layer(
                inputChannelCount: input, outputChannelCount: output, timeTapCount: time, bandTapCount: bands,
                isActivated: true, pooling: pooling)
        }
        var layers = [
            layer(1, 24, 3, 3), layer(24, 24, 1, 3), layer(24, 24, 3, 1, pooling: .timeAndBands),
            layer(24, 48, 1, 3), layer(48, 48, 3, 1), layer(48, 48, 1, 3), layer(48, 48, 3, 1, pooling: .bands),
            layer(48, 72, 1, 3), layer(72, 72, 3, 1), layer(72, 72, 1, 3), layer(72, 72, 3, 1, pooling: .timeAndBands),
            layer(72, 96, 1, 3), layer(96, 96, 3, 1), layer(96, 96, 1, 3), layer(96, 96, 3, 1, pooling: .bands),
            layer(96, 96, 1, 3), layer(96, 96, 3, 1), layer(96, 96, 1, 3), layer(96, 96, 3, 1, pooling: .timeAndBands),
            layer(96, 96, 3, 1),
        ]
        layers[19].isActivated = false
        return layers
    }()

    /// The expected dimensions of every tensor in the weight file, by name, in file order.
    public static let tensorShapes: [(name: String, dimensions: [Int])] = {
        var shapes: [(String, [Int])] = [
            ("mel.window", [SpectrumTables.frameSampleCount]),
            ("mel.filters", [SpectrumTables.binCount, MelFilters.bandCount]),
        ]
        for (index, layer) in layers.enumerated() {
            shapes.append(
                (
                    "conv\(index).weight",
                    [layer.outputChannelCount, layer.inputChannelCount, layer.timeTapCount, layer.bandTapCount]
                ))
            if layer.isActivated { shapes.append(("conv\(index).bias", [layer.outputChannelCount])) }
        }
        shapes.append(("activation.floor", [1]))
        return shapes
    }()
}

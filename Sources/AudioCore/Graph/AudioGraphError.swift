/// Why a graph could not be made, or a node refused to be prepared for it.
public enum AudioGraphError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A node that moves whole blocks through a ring was given a graph whose block has another size.
    case blockSizeMismatch(node: String, graphSampleCount: Int, nodeSampleCount: Int)

    /// A node changes the sample rate by a ratio that does not turn the stage's block into whole frames, for
    /// example 48 → 8 kHz on a block of 100 frames (16⅔ frames out).
    case unevenRateRatio(node: String, inputSampleRate: Int, outputSampleRate: Int, inputFrameCount: Int)

    /// A node cannot run at the format or block size of its stage; `accepted` says what it takes.
    case unsupportedFormat(node: String, format: AudioFormat, frameCount: Int, accepted: String)

    /// A node asked to output a sample rate it cannot produce; `accepted` lists the rates it can.
    case unsupportedOutputSampleRate(node: String, sampleRate: Int, accepted: [Int])

    public var description: String {
        switch self {
        case .blockSizeMismatch(let node, let graphSampleCount, let nodeSampleCount):
            return "\(node) moves blocks of \(nodeSampleCount) samples but the graph's block is \(graphSampleCount); "
                + "make its ring with the graph's BlockLayout"
        case .unevenRateRatio(let node, let inputSampleRate, let outputSampleRate, let inputFrameCount):
            return "\(node) turns \(inputSampleRate) Hz into \(outputSampleRate) Hz, which does not give whole frames "
                + "from a block of \(inputFrameCount) frames; use 10 ms or 20 ms blocks, which every rate that is a "
                + "multiple of 100 Hz divides"
        case .unsupportedFormat(let node, let format, let frameCount, let accepted):
            return "\(node) cannot run at \(format) in blocks of \(frameCount) frames; it accepts \(accepted)"
        case .unsupportedOutputSampleRate(let node, let sampleRate, let accepted):
            let list = accepted.map(String.init).joined(separator: ", ")
            return "\(node) cannot output \(sampleRate) Hz; it outputs \(list) Hz"
        }
    }
}

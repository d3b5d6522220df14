import AudioCore

extension G711 {
    /// Checks that a G.711 graph stage runs at 8 kHz mono in blocks of exactly one ring block of codes.
    ///
    /// Not real-time safe: control thread only (a node's `prepare`).
    ///
    /// - Parameters:
    ///   - node: The node's name, for the error.
    ///   - resamplerAdvice: Where a `ResamplerNode` goes to reach other rates, for the error.
    /// - Throws: `AudioGraphError.unsupportedFormat` for any format but 8 kHz mono, or
    ///   `AudioGraphError.blockSizeMismatch` when a graph block is not one ring block.
    static func checkGraphStage(
        node: String, format: AudioFormat, maximumFrameCount: Int, ringBlockSampleCount: Int, resamplerAdvice: String
    ) throws(AudioGraphError) {
        guard format == .narrowband else {
            throw .unsupportedFormat(
                node: node, format: format, frameCount: maximumFrameCount,
                accepted: "8000 Hz mono only (G.711); \(resamplerAdvice)")
        }
        guard maximumFrameCount == ringBlockSampleCount else {
            throw .blockSizeMismatch(
                node: node, graphSampleCount: maximumFrameCount, nodeSampleCount: ringBlockSampleCount)
        }
    }
}

/// Why a node refused to be prepared for a graph.
public enum AudioGraphError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A node that moves whole blocks through a ring was given a graph whose block has another size.
    case blockSizeMismatch(node: String, graphSampleCount: Int, nodeSampleCount: Int)

    public var description: String {
        switch self {
        case .blockSizeMismatch(let node, let graphSampleCount, let nodeSampleCount):
            return "\(node) moves blocks of \(nodeSampleCount) samples but the graph's block is \(graphSampleCount); "
                + "make its ring with the graph's BlockLayout"
        }
    }
}

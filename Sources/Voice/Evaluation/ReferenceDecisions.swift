/// Frame decisions made offline by another detector, read from a committed fixture and laid on the 10 ms grid.
///
/// The fixture format (written by `tools/silero-vad-reference`) is lines of `key value`; `#` starts a comment.
/// Required keys: `sample_rate`, `chunk_frames` (frames per decision) and `decisions` (one `0` or `1` per chunk,
/// the first chunk starting at frame 0). A block takes the decision of the chunk holding its centre; blocks past
/// the last chunk are non-speech.
///
/// Not real-time safe: control thread only.
public struct ReferenceDecisions: Hashable, Sendable {
    /// The rate of the audio the decisions were made on.
    public var sampleRate: Int

    /// Frames per decision.
    public var chunkFrameCount: Int

    /// One decision per chunk.
    public var decisions: [Bool]

    /// Parses fixture text.
    ///
    /// - Throws: `ReferenceDecisionError.malformed` naming the file and what is missing.
    public init(parsing text: String, path: String) throws(ReferenceDecisionError) {
        var values: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.firstIndex(of: " ") else { continue }
            values[line[..<space]] = line[line.index(after: space)...]
        }
        guard let rate = values["sample_rate"].flatMap({ Int($0) }), rate > 0,
            let chunk = values["chunk_frames"].flatMap({ Int($0) }), chunk > 0,
            let decisionText = values["decisions"], decisionText.allSatisfy({ $0 == "0" || $0 == "1" })
        else {
            throw .malformed(path: path, reason: "needs sample_rate, chunk_frames and a decisions line of 0s and 1s")
        }
        self.sampleRate = rate
        self.chunkFrameCount = chunk
        self.decisions = decisionText.map { $0 == "1" }
    }

    /// One decision per 10 ms block for `blockCount` blocks.
    ///
    /// - Complexity: O(`blockCount`).
    public func blockDecisions(blockCount: Int) -> [Bool] {
        let chunkSeconds = Double(self.chunkFrameCount) / Double(self.sampleRate)
        return (0..<blockCount).map { block in
            let chunk = Int((Double(block) + 0.5) * 0.01 / chunkSeconds)
            return chunk < self.decisions.count ? self.decisions[chunk] : false
        }
    }
}

/// Why a reference-decision fixture cannot be used.
public enum ReferenceDecisionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file lacks a required key or has a bad value.
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let path, let reason): return "\(path): not a reference-decision file: \(reason)"
        }
    }
}

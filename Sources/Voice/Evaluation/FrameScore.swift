/// Agreement between per-block decisions and per-block labels: the confusion counts and the rates made from them.
///
/// Real-time safe: a plain value (building one from arrays is control-thread work).
public struct FrameScore: Hashable, Sendable {
    /// Speech blocks called speech.
    public var truePositiveCount = 0
    /// Non-speech blocks called speech.
    public var falsePositiveCount = 0
    /// Non-speech blocks called non-speech.
    public var trueNegativeCount = 0
    /// Speech blocks called non-speech.
    public var falseNegativeCount = 0

    /// An empty score.
    public init() {}

    /// Scores `decisions` against `labels`, block by block; a missing decision counts as non-speech.
    ///
    /// - Complexity: O(`labels.count`).
    public init(decisions: [Bool], labels: [Bool]) {
        for (index, label) in labels.enumerated() {
            let decision = index < decisions.count ? decisions[index] : false
            switch (label, decision) {
            case (true, true): self.truePositiveCount += 1
            case (false, true): self.falsePositiveCount += 1
            case (false, false): self.trueNegativeCount += 1
            case (true, false): self.falseNegativeCount += 1
            }
        }
    }

    /// Blocks scored.
    public var blockCount: Int {
        self.truePositiveCount + self.falsePositiveCount + self.trueNegativeCount + self.falseNegativeCount
    }

    /// Share of blocks where decision and label agree.
    public var accuracy: Double {
        self.blockCount == 0 ? 0 : Double(self.truePositiveCount + self.trueNegativeCount) / Double(self.blockCount)
    }

    /// Share of speech blocks called speech.
    public var truePositiveRate: Double {
        let speech = self.truePositiveCount + self.falseNegativeCount
        return speech == 0 ? 0 : Double(self.truePositiveCount) / Double(speech)
    }

    /// Share of non-speech blocks called speech.
    public var falsePositiveRate: Double {
        let nonSpeech = self.falsePositiveCount + self.trueNegativeCount
        return nonSpeech == 0 ? 0 : Double(self.falsePositiveCount) / Double(nonSpeech)
    }

    /// The sum of two scores, for a total over files.
    public static func + (left: FrameScore, right: FrameScore) -> FrameScore {
        var sum = left
        sum.truePositiveCount += right.truePositiveCount
        sum.falsePositiveCount += right.falsePositiveCount
        sum.trueNegativeCount += right.trueNegativeCount
        sum.falseNegativeCount += right.falseNegativeCount
        return sum
    }
}

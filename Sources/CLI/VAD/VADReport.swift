import Foundation
import Voice

/// Text and JSON renderings shared by `attendant vad` and `attendant eval vad`.
enum VADReport {
    /// `0.953` style: three decimals.
    static func rate(_ value: Double) -> String { String(format: "%.3f", value) }

    /// A score as JSON members.
    static func json(_ score: FrameScore) -> String {
        "{\"accuracy\":\(rate(score.accuracy)),\"tpr\":\(rate(score.truePositiveRate)),"
            + "\"fpr\":\(rate(score.falsePositiveRate)),\"blocks\":\(score.blockCount)}"
    }

    /// `acc TPR FPR` columns for a text table, or dashes.
    static func columns(_ score: FrameScore?) -> String {
        guard let score else { return "    -     -     -" }
        return "\(rate(score.accuracy)) \(rate(score.truePositiveRate)) \(rate(score.falsePositiveRate))"
    }

    /// Pads or cuts `text` to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// The default place of the Silero fixtures: `fixtures/vad/silero` under the current directory, if present.
    static var defaultSileroDirectory: String? {
        let candidate = FileManager.default.currentDirectoryPath + "/fixtures/vad/silero"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }
}

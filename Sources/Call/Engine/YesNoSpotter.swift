import Spotting
import Understanding

/// The yes/no head's reading of an answer to a yes/no question, for when the recognizer rejected it.
///
/// pocketsphinx's `yesNo` grammar judges its hypothesis against a phone loop, and in noise the phone loop wins:
/// a clear "yes" in brown noise at 5 dB was rejected at confidence 0.0 three times running. The head
/// (`tools/train-spotter-heads yesno`) hears the turn through the speech embedding, trained with real noise, and
/// says `yes`, `no` or `other`.
///
/// Not real-time safe: reads the head's file on first use and allocates. Call side only.
public enum YesNoSpotter {
    /// The shipped head, or `nil` when it cannot be loaded (the call then has the recognizer alone).
    static let head: SpotterHead? = try? SpotterHead.load(.yesno)

    /// The head must be at least this sure to stand in for a rejected hypothesis. On the held-out voices
    /// (`tools/train-spotter-heads yesno`, 340 answers), 0.9 let 193 stand with 5 yeses and noes swapped; 0.95
    /// lets 153 stand with fewer mistakes, and a swapped answer (a "no" booked as a yes) is worse than a reprompt.
    public static let minimumProbability: Float = 0.95

    /// The answer the head hears in the turn between `speechStart` and `speechEnd` (seconds from the call's start),
    /// with its probability; `nil` when it hears neither or is not sure enough.
    static func answer(_ windows: TurnWindows, speechStart: Double, speechEnd: Double) -> (YesNo, Float)? {
        guard let head = self.head,
            let result = head.classify(windows, speechStart: speechStart, speechEnd: speechEnd),
            result.probability >= self.minimumProbability
        else { return nil }
        switch result.label {
        case "yes": return (.yes, result.probability)
        case "no": return (.no, result.probability)
        default: return nil
        }
    }
}

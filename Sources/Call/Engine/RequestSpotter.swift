import Spotting
import Understanding

/// The request-keyword head's reading of the caller's opening request, for when the recognizer's is not to be
/// trusted.
///
/// In noise the `intent` language model hears garbage ("what are your drooping and won't" for "what are your
/// opening hours" in babble) and the understanding layer reads nothing from it. The head
/// (`tools/train-spotter-heads request`) hears the request's keywords through the speech embedding, trained with
/// real noise; `IntentFusion` lets its family stand in for a rejected or empty reading (`TurnRecognition.finish`).
///
/// Not real-time safe: reads the head's file on first use and allocates per turn. Call side only.
public enum RequestSpotter {
    /// The shipped head, or `nil` when it cannot be loaded (the call then has the recognizer alone).
    static let head: SpotterHead? = try? SpotterHead.load(.request)

    /// The fusion rule, at the threshold `tools/train-spotter-heads request` chose on its development voices: the
    /// head fills in for a rejected opening that asks for nothing and for an accepted one that names nothing
    /// ("fusion+" of `attendant eval request`). It passed one more of the 63 scenarios than filling in for rejected
    /// openings alone, and lost none (README, "The request head").
    static let fusion = IntentFusion(threshold: head?.threshold ?? 1, fillsInForAcceptedOther: true)

    /// Audio before the turn whose windows are pushed for the stacked context only: the head's 16 windows of 80 ms.
    static let contextSampleCount = Int64(16 * MelFrontEnd.chunkSampleCount)

    /// The family the head hears in the turn between `speechStart` and `speechEnd` (seconds from the call's start),
    /// with its score: `other` when that is a request the dialogue answers that is no intent (the doctors list, a
    /// message, a bill, a form; `IntentFusion.intent(ofHeadClass:)`), which lets the recognizer's reading stand;
    /// `nil` without a head or windows. `windows` should begin `contextSampleCount` before the turn.
    static func reading(_ windows: TurnWindows, speechStart: Double, speechEnd: Double) -> (Intent, Float)? {
        guard let head = self.head,
            let reading = RequestSpotting(head: head).read(windows, speechStart: speechStart, speechEnd: speechEnd),
            let intent = IntentFusion.intent(ofHeadClass: reading.family)
        else { return nil }
        return (intent, reading.probability)
    }
}

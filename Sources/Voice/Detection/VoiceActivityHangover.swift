/// The detector's decision: hysteresis on the combiner's probability with a two-length hangover.
///
/// Speech starts at a block whose probability reaches `onsetProbability` and then holds for
/// `hangoverBlockCount` blocks after the last such block, counting down only on blocks below
/// `releaseProbability`, so a short pause inside a sentence does not end it. A block that is clearly not speech
/// (below `silenceProbability`) cuts what is left of the hangover to `shortHangoverBlockCount`, which ends speech
/// quickly when the line falls silent. The thresholds and lengths come from a `VoiceActivityCombiner`.
///
/// Real-time safe: a plain value.
struct VoiceActivityHangover {
    private var isSpeech = false
    private var remainingBlockCount = 0

    /// Decides one block.
    ///
    /// - Complexity: O(1).
    mutating func decide(_ probability: Float, combiner model: VoiceActivityCombiner) -> Bool {
        if probability >= model.onsetProbability {
            self.isSpeech = true
            self.remainingBlockCount = model.hangoverBlockCount
        } else if self.isSpeech {
            if probability < model.silenceProbability {
                self.remainingBlockCount = min(self.remainingBlockCount, model.shortHangoverBlockCount)
            }
            if probability < model.releaseProbability {
                self.remainingBlockCount -= 1
                if self.remainingBlockCount <= 0 { self.isSpeech = false }
            }
        }
        return self.isSpeech
    }
}

import AudioCore
import Voice

/// When a call starts on a line with no signalling: the caller's first words ("Hello?") have ended. The agent then
/// greets into the pause, not over the caller; starting on the first word would put the greeting over the rest of
/// it, which the front end takes for a barge-in.
///
/// Voice activity and the endpointer run on the idle line; a block in which a call-progress tone holds the power is
/// not speech, so the tone after a call does not start another.
///
/// Real-time safe after `init`: no locks, no allocation. One thread (the audio thread, or a tool laying out a
/// capture stream the same way).
final class DeskCallStart {
    let voiceActivity: VoiceActivityDetector
    private var endpointer: Endpointer
    let tones: ToneDetector
    private var sampleTime: Int64 = 0

    /// Whether the last block was speech, for the live view.
    private(set) var isSpeech = false

    /// Not real-time safe: allocates.
    ///
    /// - Throws: `CallError.frontEnd` when the voice-activity detector cannot be made.
    init(sampleRate: Int = CallFrontEnd.sampleRate) throws(CallError) {
        do {
            self.voiceActivity = try VoiceActivityDetector(sampleRate: sampleRate)
        } catch {
            throw .frontEnd("\(error)")
        }
        self.endpointer = Endpointer(sampleRate: sampleRate)
        self.tones = ToneDetector(sampleRate: sampleRate)
    }

    /// Hears one block of the idle line.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Returns: whether a call starts after this block.
    func process(_ block: UnsafeBufferPointer<Float>) -> Bool {
        _ = self.tones.process(block)
        let activity = self.voiceActivity.process(block)
        self.isSpeech = activity.isSpeech && !self.tones.isTonal
        let event = self.endpointer.process(
            isSpeech: self.isSpeech, sampleTime: self.sampleTime, frameCount: block.count)
        self.sampleTime += Int64(block.count)
        if case .speechEnded? = event { return true }
        return false
    }

    /// Starts listening afresh: the line is idle again.
    ///
    /// Real-time safe: no locks, no allocation.
    func reset() {
        self.endpointer.reset()
        self.tones.reset()
        self.isSpeech = false
    }
}

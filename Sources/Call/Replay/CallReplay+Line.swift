import Dialogue
import Spotting

/// A replay's call side reads its front end and playout directly: both run on the replay's one thread.
extension CallReplay: CallLine {
    var sampleTime: Int64 { self.frontEnd.sampleTime }

    func withHistory(from start: Int64, _ body: (UnsafeBufferPointer<Int16>) -> Void) {
        self.history.withSamples(from: start, body)
    }

    func embeddingWindows(endingFrom start: Int64) -> TurnWindows {
        self.history.embeddingWindows(endingFrom: start)
    }

    var isInTurn: Bool { self.frontEnd.endpointer.isInTurn }

    var isEchoFound: Bool { self.frontEnd.bargeIn.echoDelayMilliseconds != nil }

    func setTrailingSilence(_ silence: Duration?) {
        self.frontEnd.endpointer.setTrailingSilence(silence ?? self.frontEnd.endpointer.configuration.trailingSilence)
    }

    func enqueue(_ prompt: Prompt, samples: [Float]) { self.playout.enqueue(prompt, samples: samples) }

    func stopSpeaking() { self.playout.stop() }

    var isPlaying: Bool { self.playout.isPlaying }

    var framesBeforeLastPrompt: Int { self.playout.framesBeforeLastPrompt }

    var notBeforeSampleTime: Int64 {
        get { self.playout.notBeforeSampleTime }
        set { self.playout.notBeforeSampleTime = newValue }
    }
}

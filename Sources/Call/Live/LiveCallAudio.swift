import AudioCore
import Synchronization
import Voice

/// The audio-thread side of a live call: each 10 ms block it plays the agent's next frames (none once staff have
/// taken the call over), runs the front end and the tone detector over the caller's line with that audio as the echo
/// reference, and reports the block to the call thread.
///
/// Real-time safe after `init`: `process` takes no locks, does not allocate, log or throw. It reads the agent's
/// audio from one ring and writes reports to another, and reads the call side's controls as atomics.
///
/// `@unchecked Sendable`: made on the control thread and handed to the audio thread, which is then its only user.
final class LiveCallAudio: @unchecked Sendable {
    let frontEnd: CallFrontEnd
    /// Block reports to the call thread (producer: this side).
    let reports: SPSCRingBuffer<LiveBlockReport>
    /// The agent's audio from the call thread (consumer: this side).
    let agentAudio: SPSCRingBuffer<Float>
    let controls: LiveCallControls
    /// Dial and busy tones on the line: the caller has hung up. `nil` on a line with signalling (a packet call hears
    /// the hang-up as an event), which saves the detector's Goertzel filters on every block: 1.6 % of a 30-call
    /// bench's CPU.
    let tones: ToneDetector?

    /// Frames taken from `agentAudio` since the call started, played or dropped.
    private var consumedAgentFrameCount: Int64 = 0
    /// The trailing silence last applied to the endpointer, in milliseconds (0: the configured one).
    private var trailingSilenceMilliseconds = 0
    private let configuredTrailingSilence: Duration

    /// Not real-time safe: control thread only.
    init(
        frontEnd: CallFrontEnd, reports: SPSCRingBuffer<LiveBlockReport>, agentAudio: SPSCRingBuffer<Float>,
        controls: LiveCallControls, listensForTones: Bool = true
    ) {
        self.tones = listensForTones ? ToneDetector(sampleRate: CallFrontEnd.sampleRate) : nil
        self.frontEnd = frontEnd
        self.reports = reports
        self.agentAudio = agentAudio
        self.controls = controls
        self.configuredTrailingSilence = frontEnd.endpointer.configuration.trailingSilence
    }

    /// Processes one block: fills `playback` with the agent's audio and hears `capture`.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    ///
    /// - Parameters:
    ///   - capture: `CallFrontEnd.blockFrameCount` frames of the caller's line.
    ///   - playback: as many frames, filled with the agent's audio (zeros when it is silent).
    ///   - isConcealed: whether the line's receiver concealed lost packets in `capture` (a packet call's does).
    ///   - lineEvent: keys or a hang-up the line's signalling brought in this block.
    func process(
        capture: UnsafeBufferPointer<Float>, playback: UnsafeMutableBufferPointer<Float>, isConcealed: Bool = false,
        lineEvent: LiveLineEvent? = nil
    ) {
        let discard = self.controls.discardAgentFramesUpTo.load(ordering: .acquiring)
        if discard > self.consumedAgentFrameCount {
            let wanted = Int(discard - self.consumedAgentFrameCount)
            let dropped = self.agentAudio.withUnsafeReadableRegions(wanting: wanted) { first, second in
                min(wanted, first.count + second.count)
            }
            self.consumedAgentFrameCount += Int64(dropped)
        }
        var sounded = self.agentAudio.tryRead(into: playback)
        self.consumedAgentFrameCount += Int64(sounded)
        if self.controls.isTakenOver.load(ordering: .relaxed) { sounded = 0 }
        for index in sounded..<playback.count { playback[index] = 0 }

        let trailing = self.controls.trailingSilenceMilliseconds.load(ordering: .relaxed)
        if trailing != self.trailingSilenceMilliseconds {
            self.trailingSilenceMilliseconds = trailing
            self.frontEnd.endpointer.setTrailingSilence(
                trailing == 0 ? self.configuredTrailingSilence : .milliseconds(trailing))
        }

        let time = self.frontEnd.sampleTime
        let events = self.frontEnd.process(
            capture: capture, reference: UnsafeBufferPointer(playback), isAgentSpeaking: sounded > 0,
            isConcealed: isConcealed)
        var report = LiveBlockReport(
            sampleTime: time, samples: InlineArray(repeating: 0), playback: InlineArray(repeating: 0), events: events,
            consumedAgentFrameCount: self.consumedAgentFrameCount, soundedAgentFrameCount: sounded,
            isInTurn: self.frontEnd.endpointer.isInTurn,
            isEchoFound: self.frontEnd.bargeIn.echoDelayMilliseconds != nil, lineTone: self.tones?.process(capture),
            lineEvent: lineEvent)
        for index in 0..<min(capture.count, report.samples.count) {
            report.samples[index] = capture[index]
            report.playback[index] = playback[index]
        }
        if !self.reports.tryWrite(report) {
            self.controls.droppedReportCount.add(1, ordering: .relaxed)
        }
    }
}

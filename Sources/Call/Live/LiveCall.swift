import AudioCore
import Foundation
import Practice
import Synchronization

/// One call answered live: the front end runs on the audio thread (`LiveCallAudio`), and the call side
/// (`CallSession`: recognition, the dialogue, the store, synthesis) on a thread of its own, with a ring of block
/// reports from the one to the other and a ring of the agent's audio back. A slow recognizer or a long synthesis
/// delays the agent's answer, never the audio.
///
/// The audio thread's owner (a device loop, or `LivePacedFeed` in tests) calls `audio.process` every 10 ms; the
/// call thread runs `runCallSide()` until the dialogue ends the call.
final class LiveCall: @unchecked Sendable {
    let audio: LiveCallAudio
    let line: LiveCallLine
    let session: CallSession
    let controls = LiveCallControls()

    /// Block reports the ring holds: 2.56 s of audio the call side may fall behind by (a turn's last decode and
    /// its answer's synthesis take a few hundred milliseconds at most here).
    static let reportCapacity = 256

    /// The agent's audio the ring holds ahead of playing: 16 s, longer than any prompt, so a queued answer is put
    /// in at once.
    static let agentAudioCapacity = 1 << 18

    /// How long the call thread sleeps when it finds no report.
    static let idleWait = Duration.milliseconds(2)

    /// A call stops after this long, ended as abandoned.
    let maximumFrameCount: Int64

    /// Told on the call thread whenever the call's transcript or action log grows: for a live view.
    var observer: ((CallSession, LiveCallLine) -> Void)?
    /// The transcript's and action log's lengths when the observer was last told.
    private var observedCounts = (turns: -1, actions: -1)

    /// Prepares a call: the front end, the rings, and the call side with its recognizers and cached prompts.
    /// `patientNames` are the names the name context listens for beyond the practice's doctors (a desk box passes
    /// every patient in its schedule). The rings' capacities default to a desk call's; a server carrying many calls
    /// passes smaller ones (the agent's audio streams into its ring as there is room). A line with signalling (a
    /// packet call, whose hang-up comes as a `LiveLineEvent`) does not listen for call-progress tones.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `CallError` when the front end or the call side cannot be made.
    init(
        settings: CallSettings, store: ScheduleStore, callID: String, callerNumber: String?, start: Date,
        patientNames: [String] = [], maximumLength: Duration = .seconds(300),
        reportCapacity: Int = LiveCall.reportCapacity, agentAudioCapacity: Int = LiveCall.agentAudioCapacity,
        hasSignalling: Bool = false
    ) throws(CallError) {
        precondition(CallFrontEnd.blockFrameCount == 160, "LiveBlockReport holds 160 frames per block")
        let reports = SPSCRingBuffer<LiveBlockReport>(minimumCapacity: reportCapacity)
        let agentAudio = SPSCRingBuffer<Float>(minimumCapacity: agentAudioCapacity)
        self.audio = LiveCallAudio(
            frontEnd: try CallFrontEnd(isSpotting: settings.isSpotting, line: settings.line), reports: reports,
            agentAudio: agentAudio, controls: self.controls, listensForTones: !hasSignalling)
        self.line = try LiveCallLine(agentAudio: agentAudio, controls: self.controls, profile: settings.profile)
        self.session = try CallSession(
            settings: settings, store: store, callID: callID, callerNumber: callerNumber, start: start,
            patientNames: patientNames, line: self.line)
        self.maximumFrameCount = maximumLength.frameCount(sampleRate: CallFrontEnd.sampleRate)
    }

    /// Whether the call has ended: the audio thread stops feeding it.
    var isFinished: Bool { self.controls.isFinished.load(ordering: .acquiring) }

    /// Staff take the call over: the agent is silent from the next block the audio thread processes, and the call
    /// side ends the call as theirs. Any thread.
    func takeOver() { self.controls.isTakenOver.store(true, ordering: .releasing) }

    /// Runs the call side until the dialogue ends the call, then records it.
    ///
    /// Not real-time safe: recognition, the store and synthesis. Call thread only.
    ///
    /// - Returns: what the call came to (`mismatches` empty).
    /// - Throws: `CallError` when a stage fails; the audio thread is told to stop either way.
    /// - Parameter isLineOpen: asked when no report is waiting; once it says no (the line's audio has stopped),
    ///   the call ends.
    func runCallSide(isLineOpen: () -> Bool = { true }) throws(CallError) -> ReplayResult {
        defer { self.controls.isFinished.store(true, ordering: .releasing) }
        try self.beginCallSide()
        while !self.hasCallSideEnded {
            if try !self.stepCallSide(isLineOpen: isLineOpen), !self.hasCallSideEnded {
                Thread.sleep(forTimeInterval: Self.idleWait.secondsValue)
            }
        }
        return try self.finishCallSide()
    }

    /// Starts the call side: the greeting is queued.
    ///
    /// Not real-time safe: synthesis. Call side only.
    ///
    /// - Throws: `CallError` when the greeting cannot be said; the audio thread is told to stop.
    func beginCallSide() throws(CallError) {
        do {
            try self.session.start()
        } catch {
            self.controls.isFinished.store(true, ordering: .releasing)
            throw error
        }
    }

    /// Whether the call side has come to the end of the call (`finishCallSide` records it).
    var hasCallSideEnded: Bool { self.session.endReason != nil }

    /// One step of the call side: handles the block reports waiting, up to `maximumReportCount`, tops up the agent's
    /// audio, and ends the call when the dialogue, staff, the line or the time limit does.
    ///
    /// Not real-time safe: recognition, the store and synthesis. Call side only, one thread at a time.
    ///
    /// - Returns: whether any report was waiting.
    /// - Throws: `CallError` when a stage fails; the audio thread is told to stop.
    /// - Parameter isLineOpen: asked when no report is waiting; once it says no, the call ends.
    func stepCallSide(isLineOpen: () -> Bool = { true }, maximumReportCount: Int = .max) throws(CallError) -> Bool {
        var handledCount = 0
        while self.session.endReason == nil, handledCount < maximumReportCount {
            if let observer = self.observer,
                self.observedCounts != (self.session.turns.count, self.session.actionLog.count)
            {
                self.observedCounts = (self.session.turns.count, self.session.actionLog.count)
                observer(self.session, self.line)
            }
            if self.controls.isTakenOver.load(ordering: .acquiring) {
                self.session.takeOver(at: self.line.sampleTime)
                break
            }
            guard let report = self.audio.reports.tryRead() else {
                if handledCount == 0, !isLineOpen() { self.session.endReason = "the line closed" }
                break
            }
            handledCount += 1
            let block = self.line.apply(report)
            do {
                try self.session.process(block)
            } catch {
                self.controls.isFinished.store(true, ordering: .releasing)
                throw error
            }
            self.line.topUp()
            if self.session.endReason == nil, block.endSampleTime >= self.maximumFrameCount {
                self.session.endReason = "time limit"
            }
        }
        self.line.topUp()
        if self.session.endReason != nil { self.controls.isFinished.store(true, ordering: .releasing) }
        return handledCount > 0
    }

    /// Records the call once its call side has ended, and tells the audio thread to stop.
    ///
    /// Not real-time safe: the store. Call side only, once.
    ///
    /// - Returns: what the call came to (`mismatches` empty).
    /// - Throws: `CallError` when the call cannot be recorded.
    func finishCallSide() throws(CallError) -> ReplayResult {
        self.controls.isFinished.store(true, ordering: .releasing)
        let end = self.line.sampleTime
        try self.session.close(at: end)
        var result = self.session.result(id: self.session.callID, endSampleTime: end)
        let dropped = self.controls.droppedReportCount.load(ordering: .relaxed)
        if dropped > 0 { result.actions.append("live: \(dropped) block reports dropped: the call side fell behind") }
        return result
    }
}

import AudioCore
import Foundation
import Practice
import Synchronization

/// One call of the bench: a scenario's scripted caller on a packet phone, and the engine's side of the call, live:
/// its audio (`Audio`, run by the `CallScheduler` each tick) and its call side (`Side`, stepped by the
/// `CallSidePool`), with a fresh schedule of its own so that every call can be scored against its scenario.
///
/// Not real-time safe to make: allocates, writes SQLite and makes the call's recognizers' pool leases lazily.
/// Control thread.
final class BenchCall: @unchecked Sendable {
    let scenario: Scenario
    let schedule: ScenarioSchedule
    let live: LiveCall
    let caller: SyntheticCaller
    let audio: Audio
    let side: Side
    let practice: PracticeConfiguration

    /// The engine's audio of the call: the packets in through the jitter buffer, the front end, the agent's audio
    /// out.
    ///
    /// Real-time safe after `init`: `processBlock` takes no locks, does not allocate, log or throw.
    final class Audio: ScheduledCallAudio, @unchecked Sendable {
        let receiver: PacketReceiver
        let inbound: SPSCRingBuffer<VoicePacket>
        let events: SPSCRingBuffer<LiveLineEvent>
        let outbound: SPSCRingBuffer<Float>
        let call: LiveCallAudio
        let controls: LiveCallControls
        private let capture: UnsafeMutableBufferPointer<Float>
        private let playback: UnsafeMutableBufferPointer<Float>

        init(
            receiver: PacketReceiver, inbound: SPSCRingBuffer<VoicePacket>, events: SPSCRingBuffer<LiveLineEvent>,
            outbound: SPSCRingBuffer<Float>, call: LiveCallAudio, controls: LiveCallControls
        ) {
            self.receiver = receiver
            self.inbound = inbound
            self.events = events
            self.outbound = outbound
            self.call = call
            self.controls = controls
            self.capture = .allocate(capacity: CallFrontEnd.blockFrameCount)
            self.playback = .allocate(capacity: CallFrontEnd.blockFrameCount)
            self.capture.initialize(repeating: 0)
            self.playback.initialize(repeating: 0)
        }

        deinit {
            self.capture.deallocate()
            self.playback.deallocate()
        }

        func processBlock() {
            while let packet = self.inbound.tryRead() { self.receiver.receive(packet) }
            let isConcealed = self.receiver.read(into: self.capture)
            self.call.process(
                capture: UnsafeBufferPointer(self.capture), playback: self.playback, isConcealed: isConcealed,
                lineEvent: self.events.tryRead())
            // The caller's phone: a caller who stopped listening just misses the audio.
            _ = self.outbound.tryWrite(UnsafeBufferPointer(self.playback))
        }

        var hasEnded: Bool { self.controls.isFinished.load(ordering: .acquiring) }
    }

    /// The call side of the call, a step at a time; its result once the call has ended.
    final class Side: ScheduledCallSide, @unchecked Sendable {
        let live: LiveCall
        private var hasBegun = false
        private let ended = Atomic<Bool>(false)
        /// Written once, before `ended` is set; read after it is seen set.
        private var outcome: Result<ReplayResult, CallError>?

        init(live: LiveCall) { self.live = live }

        func step() -> Bool {
            do throws(CallError) {
                if !self.hasBegun {
                    self.hasBegun = true
                    try self.live.beginCallSide()
                }
                let didWork = try self.live.stepCallSide(maximumReportCount: 32)
                if self.live.hasCallSideEnded { self.end(.success(try self.live.finishCallSide())) }
                return didWork
            } catch {
                self.end(.failure(error))
                return true
            }
        }

        private func end(_ outcome: Result<ReplayResult, CallError>) {
            self.outcome = outcome
            self.ended.store(true, ordering: .releasing)
        }

        var hasEnded: Bool { self.ended.load(ordering: .acquiring) }

        /// The call's result once it has ended; `nil` before.
        var result: Result<ReplayResult, CallError>? { self.hasEnded ? self.outcome : nil }
    }

    /// What the bench shares between its calls.
    struct Shared: Sendable {
        var settings: CallSettings
        /// The patients every call's name context hears: all the scenarios'.
        var patientNames: [String]
        /// The scenarios' recordings, read once.
        var recordings: RecordingCache
        var lossPercentage: Double
        var baseDelayTicks: Int64
        var jitterTicks: Int64
        /// The synthetic phones' Opus complexity: their cost is the bench's, not the engine's.
        var callerOpusComplexity: Int
        var reaction: Duration
    }

    /// Sets a call up: its schedule, the engine's side of it, and the caller (its clock is set when the call joins the
    /// scheduler).
    ///
    /// - Throws: `CallError` when the schedule, the front end, the codec or the call side cannot be made.
    init(scenario: Scenario, shared: Shared, callID: String, seed: UInt64) throws(CallError) {
        self.scenario = scenario
        self.practice = shared.settings.practice
        self.schedule = try ScenarioSchedule(scenario: scenario, practice: shared.settings.practice)
        self.live = try LiveCall(
            settings: shared.settings, store: self.schedule.store, callID: callID, callerNumber: scenario.callerNumber,
            start: self.schedule.start, patientNames: shared.patientNames, reportCapacity: 512,
            agentAudioCapacity: 1 << 15, hasSignalling: true)
        let inbound = SPSCRingBuffer<VoicePacket>(minimumCapacity: 64)
        let events = SPSCRingBuffer<LiveLineEvent>(minimumCapacity: 8)
        let outbound = SPSCRingBuffer<Float>(minimumCapacity: 1 << 12)
        let receiver = try PacketReceiver(codec: shared.settings.line)
        let sender = try PacketSender(
            codec: shared.settings.line, complexity: shared.callerOpusComplexity,
            firstSequenceNumber: UInt16(truncatingIfNeeded: seed))
        self.audio = Audio(
            receiver: receiver, inbound: inbound, events: events, outbound: outbound, call: self.live.audio,
            controls: self.live.controls)
        self.side = Side(live: self.live)
        let recordings = shared.recordings
        let script = LockedScriptedCaller(
            ScriptedCaller(
                scenario: scenario, understander: self.live.session.recognition.understander,
                reaction: shared.reaction
            ) { (url) throws(CallError) in try recordings.samples(url) })
        self.live.session.caller = script
        self.caller = SyntheticCaller(
            script: script, sender: sender,
            path: PacketPath(
                lossPercentage: shared.lossPercentage, baseDelayTicks: shared.baseDelayTicks,
                jitterTicks: shared.jitterTicks, seed: seed),
            inbound: inbound, events: events, outbound: outbound)
    }

    /// The call's result scored against its scenario, once the call side has ended.
    var scoredResult: Result<ReplayResult, CallError>? {
        self.side.result.map { outcome in
            outcome.map { result in
                var result = result
                result.mismatches = self.scenario.expectation.mismatches(result, practice: self.practice)
                return result
            }
        }
    }
}

/// Recordings read once and shared by every call's scripted caller.
///
/// Not real-time safe: locks; reads a file the first time. Any thread.
final class RecordingCache: Sendable {
    private let samplesByURL = Locked<[URL: [Float]]>([:])

    init() {}

    /// The recording's samples at 16 kHz.
    ///
    /// - Throws: `CallError.audio` when it cannot be read.
    func samples(_ url: URL) throws(CallError) -> [Float] {
        if let samples = self.samplesByURL.withLock({ $0[url] }) { return samples }
        let samples = try ReplayAudio.read(url)
        self.samplesByURL.withLock { $0[url] = samples }
        return samples
    }
}

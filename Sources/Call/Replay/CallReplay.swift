import AudioCore
import Dialogue
import Foundation
import Practice
import Recognition
import Understanding

/// Runs one scripted call through the whole pipeline: the caller's recordings through the front end, turns
/// through recognition and understanding into the dialogue, its actions against a fresh schedule, and its prompts
/// synthesized into the agent's audio, which the caller hears and talks over.
///
/// Blocks of 10 ms are processed on one thread. On the virtual clock (the default) they run as fast as they can;
/// the time the call side spends between the end of a turn and the first word of the answer (recognition,
/// understanding, schedule, synthesis) is measured on the wall clock and delays the agent's audio by as much, so
/// turn latencies are what a caller would hear. With `isRealTime` each block also waits for its 10 ms.
///
/// Not real-time safe: the call side (recognition, the store, synthesis) runs between blocks on the same thread.
// TODO: the call side runs on the audio thread between blocks; a live call needs it on its own thread fed by a
// ring buffer (the front end already keeps its audio path free of locks and allocation), or one slow recognizer
// delays that call's audio.
public final class CallReplay {
    public let scenario: Scenario
    public let configuration: ReplayConfiguration

    let practice: PracticeConfiguration
    let store: ScheduleStore
    let storeFolder: URL
    let callID: String
    let startInstant: Date
    let frontEnd: CallFrontEnd
    let recognition: TurnRecognition
    let playout = AgentPlayout()
    let voice: PromptVoice
    /// The caller's voice on its way to the engine through the line's codec.
    let line: LineTransport
    let slotFinder: SlotFinder
    var caller: ScriptedCaller!
    var dialogue: DialogueController

    static let blockFrameCount = CallFrontEnd.blockFrameCount
    /// How the action log says the call ran without the urgent spotter.
    public static let spotterUnavailable = "spotter unavailable:"
    static let sampleRate = CallFrontEnd.sampleRate

    // The call as it goes.
    var listenContext: ListenContext?
    var isRecognizing = false
    var recognizedUpToSampleTime: Int64 = 0
    var pendingTurnStart: Int64?
    var hasBargedInOnPrompt = false
    var silentListeningFrameCount: Int64 = 0
    var pendingEnd: String?
    var endReason: String?
    var latencyStartSampleTime: Int64?
    var messageTopic: MessageTopic?
    var isTimingResponse = false
    /// The urgent spotter fired while the caller's current turn was being recognized.
    var hasSpotterFiredInTurn = false
    var lastCallerTurnEndSampleTime: Int64?
    /// Where the turn being recognized starts.
    var turnAudioStartSampleTime: Int64 = 0
    /// The silence that ends a message: a caller leaving one stops to think ("I think I was charged twice ... for
    /// my last visit"), and the endpointer's 150 ms took the first words for the whole message. 800 ms broke the
    /// p99 turn-latency target (README, "Whole calls").
    static let messageTrailingSilence = Duration.milliseconds(300)

    /// The last prompt queued: the question a `listen` asks.
    var lastPromptQueued: Prompt?
    /// Where the endpointer put the end of the caller's speech in the turn that just ended.
    var turnSpeechEndSampleTime: Int64?
    /// The last turn, when the recognizer rejected it and the caller may yet go on.
    var rejectedTurn: RejectedTurn?
    /// When the agent's reply to the last caller turn began playing; `nil` until it does.
    var replyStartSampleTime: Int64?
    /// The end of the last block that carried the agent's audio.
    var lastAgentAudioSampleTime: Int64 = 0
    /// When the agent last started speaking after a silence.
    var promptStartSampleTime: Int64 = 0
    var firstPromptReady: ContinuousClock.Instant?

    // What the call did.
    var turns: [ReplayTurn] = []
    var latencies: [Double] = []
    var detectionDelays: [Double] = []
    var responseWork: [Double] = []
    var bargeInStops: [Double] = []
    var actionLog: [String] = []
    var appointment: ReplayAppointment?
    var changedAppointment: ReplayAppointment?
    var transferReason: TransferReason?
    var isUrgent = false
    var agentTrack: [Float] = []
    var callerTrack: [Float] = []
    var audioFiles: [URL: [Float]] = [:]

    /// Prepares a call: a fresh copy of the practice's schedule with the scenario's patient in it, the front end
    /// and the recognizers.
    ///
    /// - Throws: `CallError` when the schedule, the front end or the scenario's clock cannot be set up.
    public init(scenario: Scenario, configuration: ReplayConfiguration = ReplayConfiguration()) throws(CallError) {
        self.scenario = scenario
        self.configuration = configuration
        self.practice = configuration.practice
        guard let start = scenario.now.instant(in: configuration.practice) else {
            throw .schedule("\(scenario.now) does not exist on the practice's clock")
        }
        self.startInstant = start
        self.callID = "replay-\(scenario.id)"
        self.storeFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-replay-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: self.storeFolder, withIntermediateDirectories: true)
            self.store = try ScheduleStore(
                path: self.storeFolder.appendingPathComponent("schedule.sqlite").path, practice: configuration.practice)
        } catch {
            throw .schedule("cannot make a fresh schedule: \(error)")
        }
        var patientNames: [String] = []
        if let patient = scenario.patient {
            patientNames.append(patient.name)
            try Self.seed(patient, into: self.store, practice: configuration.practice, before: start)
        }
        self.frontEnd = try CallFrontEnd(isSpotting: configuration.isSpotting)
        if configuration.isSpotting, case .failure(let unavailable) = UrgentSpotterModels.shared {
            // Said, not hidden: urgency then rests on the recognizer's text alone.
            self.actionLog.append("\(Self.spotterUnavailable) \(unavailable.reason)")
        }
        var requestFusion = RequestSpotter.fusion
        requestFusion.fillsInForAcceptedOther = configuration.isFillingInAcceptedRequests
        self.recognition = TurnRecognition(
            practice: configuration.practice, patientNames: patientNames, input: configuration.recognizerInput,
            requestFusion: requestFusion)
        self.voice = PromptVoice(
            cache: configuration.promptCache, engine: configuration.speechEngine, line: configuration.line)
        self.line = try LineTransport(
            codec: configuration.line, lossPercentage: configuration.linePacketLossPercentage,
            seed: Self.lossSeed(scenario.id))
        self.slotFinder = SlotFinder(store: self.store, practice: configuration.practice)
        self.dialogue = DialogueController(practice: configuration.practice)
        try self.voice.warm(self.dialogue.fixedPrompts)
        self.caller = ScriptedCaller(scenario: scenario, understander: self.recognition.understander) {
            [unowned self] (url) throws(CallError) in
            try self.callerAudio(url)
        }
    }

    /// A rejected turn and what is needed to hear it again with the words that follow it.
    struct RejectedTurn {
        var dialogue: DialogueController
        var listenContext: ListenContext
        var audioStartSampleTime: Int64
        var windowEndSampleTime: Int64
        var turnIndex: Int
    }

    deinit {
        try? FileManager.default.removeItem(at: self.storeFolder)
    }

    /// The patient and their appointments, booked as if some time before the call.
    static func seed(
        _ patient: ScenarioPatient, into store: ScheduleStore, practice: PracticeConfiguration, before start: Date
    ) throws(CallError) {
        do {
            let stored = try store.findOrRegisterPatient(
                name: patient.name, dateOfBirth: patient.dateOfBirth, phone: patient.phone)
            for appointment in patient.appointments {
                guard let when = appointment.start.instant(in: practice) else {
                    throw CallError.schedule("the patient's appointment at \(appointment.start) does not exist")
                }
                let result = try store.book(
                    patientID: stored.id, doctorName: appointment.doctor, start: when,
                    now: start.addingTimeInterval(-30 * 86_400))
                guard case .booked = result else {
                    throw CallError.schedule(
                        "the patient's appointment with \(appointment.doctor) at \(appointment.start) cannot be "
                            + "booked (\(result)): not one of the doctor's slots")
                }
            }
        } catch let error as CallError {
            throw error
        } catch {
            throw .schedule("cannot add the scenario's patient: \(error)")
        }
    }

    /// A seed of the call's own for the line's packet losses: the 64-bit FNV-1a hash of the scenario's id (Swift's
    /// `hashValue` changes from run to run).
    static func lossSeed(_ id: String) -> UInt64 {
        id.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The instant of a sample time on the call's clock.
    func instant(_ sampleTime: Int64) -> Date {
        self.startInstant.addingTimeInterval(Double(sampleTime) / Double(Self.sampleRate))
    }

    static func seconds(_ sampleTime: Int64) -> Double { Double(sampleTime) / Double(sampleRate) }

    func callerAudio(_ url: URL) throws(CallError) -> [Float] {
        if let samples = self.audioFiles[url] { return samples }
        let samples = try ReplayAudio.read(url)
        self.audioFiles[url] = samples
        return samples
    }
}

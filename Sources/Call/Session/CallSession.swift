import AudioCore
import Dialogue
import Foundation
import Practice
import Recognition
import Understanding

/// The call side of one call: turns from the line are recognized and understood, handed to the dialogue, and its
/// actions carried out against the schedule and as the agent's voice.
///
/// It is driven one block report at a time (`process(_:)`) by whatever carries the audio: a replay on one thread
/// (`CallReplay`), or a live call's call thread fed through rings from its audio thread (`LiveCall`). It reaches
/// the audio side only through its `CallLine`.
///
/// Not real-time safe: recognition, the store and synthesis run here. Call side only, never the audio thread.
final class CallSession {
    let settings: CallSettings
    let store: ScheduleStore
    let callID: String
    let callerNumber: String?
    /// When the call started on the wall clock; a live call's is set when the line answers.
    var startInstant: Date
    let recognition: TurnRecognition
    let voice: PromptVoice
    let slotFinder: SlotFinder
    unowned let line: any CallLine
    /// The scripted caller of a replay: told each question, and the truth of when it spoke, for the measurements.
    /// `nil` on a live call, where the endpointer's boundaries stand in for it.
    var caller: (any ScriptedCallerLink)?
    var dialogue: DialogueController

    static let sampleRate = CallFrontEnd.sampleRate
    /// How the action log says the call ran without the urgent spotter.
    static let spotterUnavailable = "spotter unavailable:"

    // The call as it goes.
    var listenContext: ListenContext?
    var isRecognizing = false
    var recognizedUpToSampleTime: Int64 = 0
    var pendingTurnStart: Int64?
    var hasBargedInOnPrompt = false
    var silentListeningFrameCount: Int64 = 0
    var pendingEnd: String?
    /// Why the call ended; `nil` while it goes on.
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
    /// Staff took the call over from the agent (`takeOver`).
    var isTakenOver = false

    /// Prepares the call side: the recognizers, the store's slot search, and every fixed prompt in the cache.
    ///
    /// - Parameters:
    ///   - patientNames: names the name context should expect beyond the practice's patients.
    /// - Throws: `CallError.speech` when a fixed prompt cannot be synthesized.
    init(
        settings: CallSettings, store: ScheduleStore, callID: String, callerNumber: String?, start: Date,
        patientNames: [String], line: any CallLine
    ) throws(CallError) {
        self.settings = settings
        self.store = store
        self.callID = callID
        self.callerNumber = callerNumber
        self.startInstant = start
        self.line = line
        if settings.isSpotting, case .failure(let unavailable) = UrgentSpotterModels.shared {
            // Said, not hidden: urgency then rests on the recognizer's text alone.
            self.actionLog.append("\(Self.spotterUnavailable) \(unavailable.reason)")
        }
        var requestFusion = RequestSpotter.fusion
        requestFusion.fillsInForAcceptedOther = settings.isFillingInAcceptedRequests
        self.recognition = TurnRecognition(
            practice: settings.practice, patientNames: patientNames, input: settings.recognizerInput,
            requestFusion: requestFusion, pool: settings.recognizerPool)
        self.voice = PromptVoice(
            cache: settings.promptCache, engine: settings.speechEngine, line: settings.line,
            played: settings.playedPrompts)
        self.slotFinder = SlotFinder(store: store, practice: settings.practice)
        self.dialogue = DialogueController(practice: settings.practice)
        try self.voice.warm(self.dialogue.fixedPrompts)
    }

    /// A rejected turn and what is needed to hear it again with the words that follow it.
    struct RejectedTurn {
        var dialogue: DialogueController
        var listenContext: ListenContext
        var audioStartSampleTime: Int64
        var windowEndSampleTime: Int64
        var turnIndex: Int
    }

    var practice: PracticeConfiguration { self.settings.practice }

    /// The instant of a sample time on the call's clock.
    func instant(_ sampleTime: Int64) -> Date {
        self.startInstant.addingTimeInterval(Double(sampleTime) / Double(Self.sampleRate))
    }

    static func seconds(_ sampleTime: Int64) -> Double { Double(sampleTime) / Double(sampleRate) }

    /// What the dialogue came to (`CallOutcome`'s precedence); a call staff took over before anything else came of
    /// it is theirs: transferred.
    var outcome: String {
        let outcome = self.dialogue.outcome ?? .abandoned
        return (self.isTakenOver && outcome == .abandoned ? .transferred : outcome).rawValue
    }

    /// The request's intent, as the dialogue understood it; `other` when no request was.
    var requestIntent: Intent { self.dialogue.callIntent ?? .other }

    /// The conversation as lines of text: time, speaker, what was said.
    var transcript: String {
        self.turns.map { turn in
            String(format: "%7.2f  ", turn.startSeconds) + "\(turn.speaker.rawValue): \(turn.text)"
        }.joined(separator: "\n")
    }
}

import Dialogue
import Foundation
import Understanding

/// What the call side of a scripted call tells its caller (each question) and learns from it (when it really spoke,
/// for the measurements). A replay's caller runs on the replay's thread; a bench caller on a thread of its own, behind
/// a lock (`LockedScriptedCaller`).
protocol ScriptedCallerLink: AnyObject {
    func asked(_ slot: AnswerSlot, promptStartSampleTime: Int64, isKeypad: Bool, prompt: Prompt?)
    func forgetPendingQuestion()
    var deniedReadBackCount: Int { get }
    var isSpeaking: Bool { get }
    var speechOnsetSampleTime: Int64? { get }
    var speechStartSampleTime: Int64? { get }
    var speechEndSampleTime: Int64? { get }
}

/// The caller's side of a scripted call: answers the question the agent asks with the scenario's recording for
/// it, after the prompt (or over it, where the scenario says so), presses keys, hangs up, or stays silent. To a
/// read-back of something it did not say ("I think you said Peter Hill", when it said Peter Hall) it answers
/// with the scenario's `denial` (`ReadBackJudge` tells).
///
/// Not real-time safe: reads audio files on first use. Replay only.
final class ScriptedCaller: ScriptedCallerLink {
    /// How long after the agent stops the caller starts: a person's reaction time, 0.4 s unless told.
    let reactionFrameCount: Int

    /// Below this level (-40 dBFS) a sample is not speech, for finding where a recording's speech ends.
    static let speechLevel: Float = 0.01

    let scenario: Scenario
    private let audio: (URL) throws(CallError) -> [Float]
    private let judge: ReadBackJudge

    private enum State {
        case idle
        /// Answer once the agent has been silent for the reaction time.
        case waitingForSilence(AnswerSlot, silentFrameCount: Int)
        /// Answer at this sample time whatever the agent is doing.
        case waitingUntil(AnswerSlot, sampleTime: Int64)
        /// Press keys once the agent is silent.
        case keyingAfterPrompt(String)
        case hangingUpAfterPrompt
        case speaking(samples: [Float], index: Int)
        case hungUp
    }

    private var state = State.idle
    private var attemptCounts: [AnswerSlot: Int] = [:]
    /// A question asked while the caller was still talking, answered once they stop.
    private var pendingQuestion: (slot: AnswerSlot, promptStartSampleTime: Int64, isKeypad: Bool, prompt: Prompt?)?
    /// The recording last played for each question, and the digits last typed.
    private var lastSaid: [AnswerSlot: URL] = [:]
    private var lastKeyed: [AnswerSlot: String] = [:]
    /// The question last answered other than a yes/no one: what a read-back is about.
    private var lastAnsweredSlot: AnswerSlot?
    /// Whether the next thing said is the denial of a wrong read-back.
    private var isDenying = false
    /// The last yes/no question asked aloud, for a keypad answer to it.
    private var lastConfirmPrompt: Prompt?

    /// How many read-backs the caller said no to.
    private(set) var deniedReadBackCount = 0

    /// Silence kept after the last sound of a recording: a person stops when they have said it.
    static let tailFrameCount = CallFrontEnd.sampleRate / 20

    /// The slot of the answer being spoken or about to be, for the transcript.
    private(set) var currentSlot: AnswerSlot?

    /// When the speech of the answer being spoken ends, in call sample time: the start of turn latency.
    private(set) var speechEndSampleTime: Int64?

    /// When the answer being spoken started.
    private(set) var speechStartSampleTime: Int64?

    /// When the speech in the answer being spoken starts (its recording may open with silence).
    private(set) var speechOnsetSampleTime: Int64?

    /// Whether the caller has hung up.
    var hasHungUp: Bool { if case .hungUp = self.state { true } else { false } }

    /// Whether the caller is speaking now.
    var isSpeaking: Bool { if case .speaking = self.state { true } else { false } }

    init(
        scenario: Scenario, understander: Understander, reaction: Duration = .milliseconds(400),
        audio: @escaping (URL) throws(CallError) -> [Float]
    ) {
        self.scenario = scenario
        self.reactionFrameCount = Int(reaction.frameCount(sampleRate: CallFrontEnd.sampleRate))
        self.audio = audio
        self.judge = ReadBackJudge(scenario: scenario, understander: understander)
    }

    /// The agent asked for `slot`, its prompt starting at `promptStartSampleTime`.
    ///
    /// - Parameters:
    ///   - isKeypad: whether the agent asked for keypad entry.
    ///   - prompt: the question's prompt, for judging a read-back.
    func asked(_ slot: AnswerSlot, promptStartSampleTime: Int64, isKeypad: Bool, prompt: Prompt? = nil) {
        guard !self.hasHungUp else { return }
        guard !self.isSpeaking else {
            self.pendingQuestion = (slot, promptStartSampleTime, isKeypad, prompt)
            return
        }
        self.pendingQuestion = nil
        self.isDenying = false
        if slot == .confirm, !isKeypad { self.lastConfirmPrompt = prompt }
        if slot == .confirm, !isKeypad, let prompt,
            self.judge.agrees(
                with: prompt, lastSaid: self.lastSaid, lastKeyed: self.lastKeyed, lastSlot: self.lastAnsweredSlot)
                == false
        {
            self.deniedReadBackCount += 1
            guard self.scenario.denial != nil else {
                self.state = .idle
                return
            }
            self.isDenying = true
            self.state = .waitingForSilence(slot, silentFrameCount: 0)
        } else if self.scenario.hangUpOn == slot {
            self.state = .hangingUpAfterPrompt
        } else if isKeypad, let digits = self.scenario.keypad[slot] {
            self.lastKeyed[slot] = digits
            self.state = .keyingAfterPrompt(digits)
        } else if isKeypad, slot == .confirm {
            // Offered the keypad for a yes or a no, the caller presses what it would have said to the question.
            let agrees = self.lastConfirmPrompt.flatMap {
                self.judge.agrees(
                    with: $0, lastSaid: self.lastSaid, lastKeyed: self.lastKeyed, lastSlot: self.lastAnsweredSlot)
            }
            self.state = .keyingAfterPrompt(agrees == false ? "2" : "1")
        } else if self.scenario.attempts(for: slot).isEmpty {
            self.state = .idle
        } else if let milliseconds = self.scenario.bargeInMilliseconds[slot], self.attemptCounts[slot, default: 0] == 0
        {
            let offset = Int64(milliseconds * CallFrontEnd.sampleRate / 1000)
            self.state = .waitingUntil(slot, sampleTime: promptStartSampleTime + offset)
        } else {
            self.state = .waitingForSilence(slot, silentFrameCount: 0)
        }
    }

    /// Drops a question asked while the caller was talking: its prompt was stopped before the caller could hear it.
    func forgetPendingQuestion() {
        self.pendingQuestion = nil
    }

    /// The caller's audio for the block at `sampleTime`, added into `block`.
    ///
    /// - Returns: a key press or a hang-up to deliver this block.
    /// - Throws: `CallError.audio` when a recording cannot be read.
    func fill(
        _ block: UnsafeMutableBufferPointer<Float>, sampleTime: Int64, isAgentSpeaking: Bool
    ) throws(CallError) -> LineSignal? {
        switch self.state {
        case .idle, .hungUp:
            return nil
        case .waitingForSilence(let slot, let silent):
            let heard = isAgentSpeaking ? 0 : silent + block.count
            guard heard >= self.reactionFrameCount else {
                self.state = .waitingForSilence(slot, silentFrameCount: heard)
                return nil
            }
            try self.start(slot, at: sampleTime)
        case .waitingUntil(let slot, let time):
            guard sampleTime >= time else { return nil }
            try self.start(slot, at: sampleTime)
        case .keyingAfterPrompt(let digits):
            guard !isAgentSpeaking else { return nil }
            self.state = .idle
            return .keypad(digits)
        case .hangingUpAfterPrompt:
            guard !isAgentSpeaking else { return nil }
            self.state = .hungUp
            return .hangUp
        case .speaking:
            break
        }
        guard case .speaking(let samples, let index) = self.state else { return nil }
        let count = min(block.count, samples.count - index)
        for offset in 0..<count { block[offset] += samples[index + offset] }
        self.state = index + count >= samples.count ? .idle : .speaking(samples: samples, index: index + count)
        if case .idle = self.state, let question = self.pendingQuestion {
            self.asked(
                question.slot, promptStartSampleTime: question.promptStartSampleTime, isKeypad: question.isKeypad,
                prompt: question.prompt)
        }
        return nil
    }

    private func start(_ slot: AnswerSlot, at sampleTime: Int64) throws(CallError) {
        let url: URL
        if self.isDenying, let denial = self.scenario.denial {
            self.isDenying = false
            url = denial
        } else {
            let attempts = self.scenario.attempts(for: slot)
            let attempt = self.attemptCounts[slot, default: 0]
            self.attemptCounts[slot] = attempt + 1
            url = attempts[min(attempt, attempts.count - 1)]
            self.lastSaid[slot] = url
            if slot != .confirm { self.lastAnsweredSlot = slot }
        }
        let recording = try self.audio(url)
        let end = (recording.lastIndex { abs($0) >= Self.speechLevel } ?? -1) + 1 + Self.tailFrameCount
        let samples = Array(recording.prefix(end))
        let firstVoiced = samples.firstIndex { abs($0) >= Self.speechLevel } ?? 0
        let lastVoiced = samples.lastIndex { abs($0) >= Self.speechLevel } ?? 0
        self.speechOnsetSampleTime = sampleTime + Int64(firstVoiced)
        self.currentSlot = slot
        self.speechStartSampleTime = sampleTime
        self.speechEndSampleTime = sampleTime + Int64(lastVoiced + 1)
        self.state = samples.isEmpty ? .idle : .speaking(samples: samples, index: 0)
    }
}

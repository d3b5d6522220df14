import Dialogue
import Foundation
import Understanding
import Voice

extension CallSession {
    /// Starts the call: the greeting.
    ///
    /// - Throws: `CallError` when the greeting cannot be synthesized.
    func start() throws(CallError) {
        try self.perform(
            self.dialogue.handle(.callStarted(callerNumber: self.callerNumber, now: self.startInstant)), at: 0)
    }

    /// Handles one block the audio side processed: the prompt it started, barge-in, the spotter, turn boundaries,
    /// the recognizer's feed, the caller's keys, and the silence the agent waits through.
    ///
    /// - Throws: `CallError` when a stage fails (the recognizer, the store, synthesis).
    func process(_ block: CallBlock) throws(CallError) {
        let time = block.sampleTime
        if let started = block.startedPrompt {
            self.agentStarted(started, at: time, afterSilence: block.startedAfterSilence)
        }
        if block.startedPrompt != nil || block.wasPlaying { self.lastAgentAudioSampleTime = block.endSampleTime }
        let blockEnd = block.endSampleTime
        let events = block.events
        if let onset = events.bargeInOnsetSampleTime { try self.bargeIn(onset: onset, at: blockEnd) }
        if let probability = events.urgentProbability { try self.spotterFired(probability, at: blockEnd) }
        if let turn = events.turn { try self.turnEvent(turn, isAgentSpeaking: block.wasPlaying, at: blockEnd) }
        if self.isRecognizing { try self.feedRecognizer(until: blockEnd) }

        switch block.signal {
        case .keypad(let digits)?:
            self.turns.append(
                ReplayTurn(
                    speaker: .caller, text: "(keypad \(digits))", startSeconds: Self.seconds(time), label: "keypad"))
            try self.perform(self.dialogue.handle(.dtmf(digits: digits)), at: blockEnd)
        case .hangUp?:
            self.turns.append(
                ReplayTurn(speaker: .caller, text: "(hangs up)", startSeconds: Self.seconds(time), label: "hangUp"))
            self.recognition.abandon()
            _ = self.dialogue.handle(.hangUp)
            self.endReason = "caller hung up"
        case nil:
            break
        }
        if block.wasPlaying, !self.line.isPlaying, self.endReason == nil {
            try self.perform(self.dialogue.handle(.promptFinished), at: blockEnd)
        }
        try self.checkSilence(at: blockEnd)
        if self.pendingEnd != nil, !self.line.isPlaying { self.endReason = self.pendingEnd }
    }

    /// Staff took the call over: the agent stops now and listens no more, and the call ends as handled by staff.
    func takeOver(at time: Int64) {
        guard !self.isTakenOver, self.endReason == nil else { return }
        self.line.stopSpeaking()
        self.recognition.abandon()
        self.isRecognizing = false
        self.listenContext = nil
        _ = self.dialogue.handle(.hangUp)
        self.isTakenOver = true
        self.actionLog.append("taken over by staff")
        self.turns.append(
            ReplayTurn(speaker: .agent, text: "(staff took over)", startSeconds: Self.seconds(time), label: "takeOver"))
        self.endReason = "taken over by staff"
    }

    /// The agent's prompt began playing; `afterSilence` when no prompt played just before it.
    func agentStarted(_ prompt: Prompt, at time: Int64, afterSilence: Bool) {
        self.turns.append(
            ReplayTurn(speaker: .agent, text: prompt.text, startSeconds: Self.seconds(time), label: prompt.key))
        self.hasBargedInOnPrompt = false
        if afterSilence { self.promptStartSampleTime = time }
        if self.replyStartSampleTime == nil { self.replyStartSampleTime = time }
        if let start = self.latencyStartSampleTime {
            self.latencyStartSampleTime = nil
            if start <= time { self.latencies.append(Self.seconds(time - start) * 1000) }
        }
    }

    /// How long after a caller's turn ended a spotter firing still belongs to it: the spotter reads windows of
    /// about 1.3 s and can decide after the endpointer has closed the turn.
    static let spotterLateFrameCount = Int64(sampleRate)

    /// The audio one spotter decision reads: 16 windows of 80 ms, and a margin.
    static let spotterWindowFrameCount = Int64(sampleRate * 3 / 2)

    /// The urgent spotter fired on the line.
    ///
    /// During a turn being recognized, the turn ends now and is urgent. Just after a turn (within
    /// `spotterLateFrameCount`), or during one nobody listens to, the dialogue gets an urgent turn of its own: urgency
    /// wins in every state, even over a prompt. Anywhere else it is only logged: in silence, and on a line whose echo
    /// the barge-in detector has found when the agent spoke within the spotter's window (it may have heard the
    /// agent: "Is there anything else I can help you with?" coming back at -18 dB fired it).
    func spotterFired(_ probability: Float, at time: Int64) throws(CallError) {
        let when = String(format: "%.2f s (p %.4f)", Self.seconds(time), probability)
        if self.isRecognizing {
            self.actionLog.append("spotter fired in the caller's turn at \(when)")
            self.hasSpotterFiredInTurn = true
            try self.finishTurn(at: time)
            return
        }
        let isJustAfterTurn = self.lastCallerTurnEndSampleTime.map { time - $0 <= Self.spotterLateFrameCount } ?? false
        let isInUnheardTurn = self.line.isInTurn
        // While the agent plays on a line that carries its echo back, the spotter may be hearing the agent.
        let mayBeAgentEcho =
            time - self.lastAgentAudioSampleTime < Self.spotterWindowFrameCount && self.line.isEchoFound
        guard isJustAfterTurn || isInUnheardTurn, !mayBeAgentEcho else {
            self.actionLog.append("spotter fired outside a caller turn at \(when); ignored")
            return
        }
        self.actionLog.append("spotter fired just after the caller's turn at \(when)")
        self.isUrgent = true
        self.turns.append(
            ReplayTurn(speaker: .caller, text: "(spotter: urgent)", startSeconds: Self.seconds(time), label: "spotter"))
        let urgent = TurnResult(text: "", intent: .emergency, confidence: 1, isUrgent: true)
        try self.perform(self.dialogue.handle(.turn(urgent)), at: time)
    }

    /// The caller started speaking over the agent: stop the prompt and listen from the onset.
    func bargeIn(onset: Int64, at time: Int64) throws(CallError) {
        guard self.listenContext != nil, self.line.isPlaying else { return }
        self.hasBargedInOnPrompt = true
        try self.perform(self.dialogue.handle(.bargeIn), at: time)
        // From when the caller and the agent both spoke: the caller's onset (the scripted caller's, or the
        // detector's on a live line), or the prompt's start if later.
        if let caller = self.caller {
            if let callerOnset = caller.speechOnsetSampleTime, callerOnset <= time, caller.isSpeaking {
                self.bargeInStops.append(Self.seconds(time - max(callerOnset, self.promptStartSampleTime)) * 1000)
            }
        } else {
            self.bargeInStops.append(Self.seconds(time - max(onset, self.promptStartSampleTime)) * 1000)
        }
        if !self.isRecognizing, let start = self.pendingTurnStart ?? (self.line.isInTurn ? onset : nil) {
            try self.beginRecognition(from: min(start, onset))
        }
    }

    /// A turn boundary from the endpointer.
    func turnEvent(_ event: TurnEvent, isAgentSpeaking: Bool, at time: Int64) throws(CallError) {
        switch event {
        case .speechStarted(let start, _):
            // Speech that starts once the reply plays may be the reply's own echo: only speech that began before
            // it continues the turn.
            if let cut = self.rejectedTurn, start <= cut.windowEndSampleTime, !self.isRecognizing,
                self.replyStartSampleTime.map({ start < $0 }) ?? true
            {
                try self.resumeRejectedTurn(cut)
            } else if isAgentSpeaking && !self.hasBargedInOnPrompt {
                // Over the agent and not (yet) a barge-in: the agent's own echo, or a caller not yet found.
                self.pendingTurnStart = start
            } else if self.listenContext != nil, !self.isRecognizing {
                try self.beginRecognition(from: start)
            }
        case .speechEnded(let end, _, _):
            self.pendingTurnStart = nil
            self.turnSpeechEndSampleTime = end
            if self.isRecognizing { try self.finishTurn(at: time) }
        }
    }

    /// Silence while the agent waits for an answer.
    func checkSilence(at time: Int64) throws(CallError) {
        guard self.listenContext != nil, !self.line.isPlaying, !self.isRecognizing, !self.line.isInTurn,
            self.endReason == nil
        else {
            if self.isRecognizing || self.line.isPlaying { self.silentListeningFrameCount = 0 }
            return
        }
        self.silentListeningFrameCount += Int64(CallFrontEnd.blockFrameCount)
        let timeout = self.settings.silenceTimeout.frameCount(sampleRate: Self.sampleRate)
        guard self.silentListeningFrameCount >= timeout else { return }
        self.silentListeningFrameCount = 0
        self.turns.append(
            ReplayTurn(speaker: .caller, text: "(silence)", startSeconds: Self.seconds(time), label: "silence"))
        try self.perform(self.dialogue.handle(.silenceTimeout), at: time)
    }
}

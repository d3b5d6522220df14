import AudioCore
import Dialogue
import Foundation
import Understanding
import Voice

extension CallReplay {
    /// Plays the call to its end and scores it against the scenario.
    ///
    /// - Throws: `CallError` when a stage fails (a recording cannot be read, the recognizer or the store fails,
    ///   the output cannot be written); a call that merely goes wrong is a result with mismatches, not an error.
    public func run() throws(CallError) -> ReplayResult {
        let blockFrameCount = Self.blockFrameCount
        var capture = [Float](repeating: 0, count: blockFrameCount)
        var agent = [Float](repeating: 0, count: blockFrameCount)
        let maximumSampleTime = self.configuration.maximumCallLength.frameCount(sampleRate: Self.sampleRate)
        let clock = ContinuousClock()
        let clockStart = clock.now
        let echoDelayFrameCount = (self.scenario.echo?.delayMilliseconds ?? 0) * Self.sampleRate / 1000
        let echoGain = Float(pow(10, (self.scenario.echo?.gainDB ?? -200) / 20))

        try self.perform(
            self.dialogue.handle(.callStarted(callerNumber: self.scenario.callerNumber, now: self.startInstant)),
            at: 0)
        while self.endReason == nil {
            let time = self.frontEnd.sampleTime
            guard time < maximumSampleTime else {
                self.endReason = "time limit"
                break
            }
            if self.configuration.isRealTime {
                let wait = clockStart + .microseconds(time * 1_000_000 / Int64(Self.sampleRate)) - clock.now
                if wait > .zero { Thread.sleep(forTimeInterval: wait.secondsValue) }
            }

            // The agent's audio for this block, and the caller's line: their voice plus any echo of the agent.
            // Playing counts a prompt queued behind the call side's work; only a prompt whose audio follows a block
            // without the agent's audio starts after silence.
            let wasPlaying = self.playout.isPlaying
            let wasSounding = self.playout.isSounding
            let started = agent.withUnsafeMutableBufferPointer { self.playout.read(into: $0, sampleTime: time) }
            if let started { self.agentStarted(started, at: time, afterSilence: !wasSounding) }
            self.agentTrack.append(contentsOf: agent)
            if started != nil || wasPlaying { self.lastAgentAudioSampleTime = time + Int64(blockFrameCount) }
            for index in 0..<blockFrameCount {
                let echoIndex = Int(time) + index - echoDelayFrameCount
                capture[index] = self.scenario.echo != nil && echoIndex >= 0 ? self.agentTrack[echoIndex] * echoGain : 0
            }
            let act = try capture.withUnsafeMutableBufferPointer { (block) throws(CallError) in
                try self.caller.fill(block, sampleTime: time, isAgentSpeaking: wasPlaying || self.playout.isPlaying)
            }
            capture.withUnsafeMutableBufferPointer { self.line.carry($0) }
            self.callerTrack.append(contentsOf: capture)

            let events = capture.withUnsafeBufferPointer { captureBlock in
                agent.withUnsafeBufferPointer { agentBlock in
                    self.frontEnd.process(
                        capture: captureBlock, reference: agentBlock, isAgentSpeaking: self.playout.isSounding)
                }
            }
            let blockEnd = time + Int64(blockFrameCount)
            if let onset = events.bargeInOnsetSampleTime { try self.bargeIn(onset: onset, at: blockEnd) }
            if let probability = events.urgentProbability { try self.spotterFired(probability, at: blockEnd) }
            if let turn = events.turn { try self.turnEvent(turn, isAgentSpeaking: wasPlaying, at: blockEnd) }
            if self.isRecognizing { try self.feedRecognizer(until: blockEnd) }

            switch act {
            case .keypad(let digits)?:
                self.turns.append(
                    ReplayTurn(
                        speaker: .caller, text: "(keypad \(digits))", startSeconds: Self.seconds(time), label: "keypad")
                )
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
            if wasPlaying, !self.playout.isPlaying, self.endReason == nil {
                try self.perform(self.dialogue.handle(.promptFinished), at: blockEnd)
            }
            try self.checkSilence(at: blockEnd)
            if self.pendingEnd != nil, !self.playout.isPlaying { self.endReason = self.pendingEnd }
        }
        return try self.finish()
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
        let isInUnheardTurn = self.frontEnd.endpointer.isInTurn
        // While the agent plays on a line that carries its echo back, the spotter may be hearing the agent.
        let mayBeAgentEcho =
            time - self.lastAgentAudioSampleTime < Self.spotterWindowFrameCount
            && self.frontEnd.bargeIn.echoDelayMilliseconds != nil
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
        guard self.listenContext != nil, self.playout.isPlaying else { return }
        self.hasBargedInOnPrompt = true
        try self.perform(self.dialogue.handle(.bargeIn), at: time)
        // From when the caller and the agent both spoke: the caller's onset, or the prompt's start if later.
        if let callerOnset = self.caller.speechOnsetSampleTime, callerOnset <= time, self.caller.isSpeaking {
            let overlapStart = max(callerOnset, self.promptStartSampleTime)
            self.bargeInStops.append(Self.seconds(time - overlapStart) * 1000)
        }
        if !self.isRecognizing, let start = self.pendingTurnStart ?? (self.frontEnd.endpointer.isInTurn ? onset : nil) {
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

    /// Audio fed from before the endpointer's start of turn: the first consonant, and the silence pocketsphinx needs
    /// ahead of speech. With 100 ms a clear "Emily Clark" that starts a turn decoded as "bleeding badly"; with 300 ms
    /// it decodes as it does from its file.
    static let preRollFrameCount = Int64(sampleRate * 3 / 10)

    func beginRecognition(from start: Int64) throws(CallError) {
        guard let context = self.listenContext else { return }
        self.rejectedTurn = nil
        self.turnAudioStartSampleTime = start
        try self.recognition.begin(context)
        self.isRecognizing = true
        self.hasSpotterFiredInTurn = false
        self.silentListeningFrameCount = 0
        self.recognizedUpToSampleTime = max(0, start - Self.preRollFrameCount)
        try self.feedRecognizer(until: self.frontEnd.sampleTime)
    }

    func feedRecognizer(until time: Int64) throws(CallError) {
        var failure: CallError?
        self.frontEnd.withHistory(from: self.recognizedUpToSampleTime) { samples in
            guard failure == nil else { return }
            do throws(CallError) { try self.recognition.feed(samples) } catch { failure = error }
        }
        if let failure { throw failure }
        self.recognizedUpToSampleTime = time
        // An emergency named in the partial hypothesis ends the turn now: the caller is not left talking.
        if self.recognition.isUrgentSoFar { try self.finishTurn(at: time) }
    }

    /// How soon after a rejected turn's end the caller may go on for the two to be heard as one turn: a pause at a
    /// comma ("yes, that's right") is longer than the endpointer's trailing silence.
    static let continuationFrameCount = Int64(sampleRate / 2)

    /// The caller went on speaking just after a turn the recognizer rejected: the dialogue is put back to before
    /// that turn (it only reprompted), the reprompt is stopped, and the whole of what the caller said is decoded as
    /// one turn.
    func resumeRejectedTurn(_ cut: RejectedTurn) throws(CallError) {
        self.rejectedTurn = nil
        self.dialogue = cut.dialogue
        self.listenContext = cut.listenContext
        self.playout.stop()
        self.caller.forgetPendingQuestion()
        self.latencyStartSampleTime = nil
        self.actionLog.append("stop speaking: the caller went on after a rejected turn")
        if self.turns.indices.contains(cut.turnIndex) {
            self.turns[cut.turnIndex].text =
                "(cut short; heard again with what followed) " + self.turns[cut.turnIndex].text
        }
        try self.beginRecognition(from: cut.audioStartSampleTime)
    }

    /// The caller's turn ended: read it, and hand it to the dialogue.
    func finishTurn(at time: Int64) throws(CallError) {
        let wallStart = ContinuousClock.now
        self.isRecognizing = false
        let dialogueBefore = self.dialogue
        let listenBefore = self.listenContext
        self.replyStartSampleTime = nil
        var spottedAnswer: (YesNo, Float)?
        if listenBefore == .yesNo {
            let start = self.turnAudioStartSampleTime
            let end = self.turnSpeechEndSampleTime.map { max($0, start) } ?? time
            spottedAnswer = YesNoSpotter.answer(
                self.frontEnd.embeddingWindows(endingFrom: start), speechStart: Self.seconds(start),
                speechEnd: Self.seconds(end))
        }
        var spottedRequest: (Intent, Float)?
        // The opening request only: "anything else?" is heard in the same context, and its "no, that's it" is an
        // answer the head was never trained to leave alone.
        if listenBefore == .intent, dialogueBefore.awaitedAnswer == .opening, self.configuration.isReadingRequests,
            self.configuration.isSpotting
        {
            let start = self.turnAudioStartSampleTime
            let end = self.turnSpeechEndSampleTime.map { max($0, start) } ?? time
            spottedRequest = RequestSpotter.reading(
                self.frontEnd.embeddingWindows(endingFrom: max(0, start - RequestSpotter.contextSampleCount)),
                speechStart: Self.seconds(start), speechEnd: Self.seconds(end))
        }
        self.turnSpeechEndSampleTime = nil
        var (turn, recognition) = try self.recognition.finish(
            now: self.instant(time), spottedAnswer: spottedAnswer, spottedRequest: spottedRequest)
        self.lastCallerTurnEndSampleTime = time
        if self.hasSpotterFiredInTurn { turn.isUrgent = true }
        let label = self.dialogue.awaitedAnswer?.rawValue ?? "turn"
        let startSeconds = Self.seconds(self.caller.speechStartSampleTime ?? time)
        // The head fills in for a rejected hypothesis, and with fusion+ for an accepted one too: say so either way.
        let isFilledInByHead =
            turn.isUncertain
            && spottedRequest.map({ $0.0 == turn.intent && turn.confidence == Double($0.1) }) == true
        let heard =
            isFilledInByHead
            ? "(request head: \(turn.intent.rawValue); recognizer: \(recognition.text))"
            : !recognition.isRejected
                ? recognition.text
                : spottedAnswer != nil
                    ? "(spotter: \(turn.text); recognizer: \(recognition.text))"
                    : turn.isUncertain ? "(unsure: \(recognition.text))" : "(not understood: \(recognition.text))"
        self.turns.append(
            ReplayTurn(
                speaker: .caller, text: heard, startSeconds: startSeconds, label: label,
                confidence: recognition.confidence))
        if recognition.isRejected, !turn.isUrgent, let listenBefore {
            self.rejectedTurn = RejectedTurn(
                dialogue: dialogueBefore, listenContext: listenBefore,
                audioStartSampleTime: self.turnAudioStartSampleTime,
                windowEndSampleTime: time + Self.continuationFrameCount,
                turnIndex: self.turns.count - 1)
        }
        if turn.isUrgent { self.isUrgent = true }
        if let topic = self.messageTopic, !turn.text.isEmpty, !turn.isUrgent {
            self.actionLog.append("message \(topic.rawValue): \(turn.text)")
            self.messageTopic = nil
        }
        self.listenContext = nil
        // A turn that ended before the caller finished speaking (a pause mid-sentence) has no latency to measure.
        self.latencyStartSampleTime = self.caller.speechEndSampleTime.flatMap { $0 <= time ? $0 : nil }
        self.firstPromptReady = nil
        self.isTimingResponse = true
        try self.perform(self.dialogue.handle(.turn(turn)), at: time)
        self.isTimingResponse = false

        // What the caller waits for: the time until the answer's first prompt was ready delays its audio. Work after
        // that (a second prompt, a schedule query) overlaps the first prompt's playing, as it does on a live call.
        let elapsed = (self.firstPromptReady ?? ContinuousClock.now) - wallStart
        let elapsedFrames = elapsed.frameCount(sampleRate: Self.sampleRate)
        self.playout.notBeforeSampleTime = time + elapsedFrames
        if let speechEnd = self.latencyStartSampleTime {
            self.detectionDelays.append(Self.seconds(time - speechEnd) * 1000)
            self.responseWork.append(Self.seconds(elapsedFrames) * 1000)
        }
    }

    /// Silence while the agent waits for an answer.
    func checkSilence(at time: Int64) throws(CallError) {
        guard self.listenContext != nil, !self.playout.isPlaying, !self.isRecognizing,
            !self.frontEnd.endpointer.isInTurn, self.endReason == nil
        else {
            if self.isRecognizing || self.playout.isPlaying { self.silentListeningFrameCount = 0 }
            return
        }
        self.silentListeningFrameCount += Int64(Self.blockFrameCount)
        let timeout = self.configuration.silenceTimeout.frameCount(sampleRate: Self.sampleRate)
        guard self.silentListeningFrameCount >= timeout else { return }
        self.silentListeningFrameCount = 0
        self.turns.append(
            ReplayTurn(speaker: .caller, text: "(silence)", startSeconds: Self.seconds(time), label: "silence"))
        try self.perform(self.dialogue.handle(.silenceTimeout), at: time)
    }
}

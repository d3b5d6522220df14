import Dialogue
import Foundation
import Understanding

extension CallSession {
    /// Audio fed from before the endpointer's start of turn: the first consonant, and the silence pocketsphinx needs
    /// ahead of speech. With 100 ms a clear "Emily Clark" that starts a turn decoded as "bleeding badly"; with 300 ms
    /// it decodes as it does from its file.
    static let preRollFrameCount = Int64(sampleRate * 3 / 10)

    func beginRecognition(from start: Int64) throws(CallError) {
        guard let context = self.listenContext else { return }
        self.rejectedTurn = nil
        self.turnAudioStartSampleTime = start
        try self.recognition.begin(context)
        if let unheard = self.recognition.unheardReason {
            // Heard as silence: the dialogue reprompts when the turn ends, and the call goes on.
            self.actionLog.append("turn not heard: \(unheard)")
        }
        self.isRecognizing = true
        self.hasSpotterFiredInTurn = false
        self.silentListeningFrameCount = 0
        self.recognizedUpToSampleTime = max(0, start - Self.preRollFrameCount)
        try self.feedRecognizer(until: self.line.sampleTime)
    }

    func feedRecognizer(until time: Int64) throws(CallError) {
        var failure: CallError?
        self.line.withHistory(from: self.recognizedUpToSampleTime) { samples in
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
        self.line.stopSpeaking()
        self.caller?.forgetPendingQuestion()
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
        let speechEnd = self.turnSpeechEndSampleTime
        var spottedAnswer: (YesNo, Float)?
        if listenBefore == .yesNo {
            let start = self.turnAudioStartSampleTime
            let end = speechEnd.map { max($0, start) } ?? time
            spottedAnswer = YesNoSpotter.answer(
                self.line.embeddingWindows(endingFrom: start), speechStart: Self.seconds(start),
                speechEnd: Self.seconds(end))
        }
        var spottedRequest: (Intent, Float)?
        // The opening request only: "anything else?" is heard in the same context, and its "no, that's it" is an
        // answer the head was never trained to leave alone.
        if listenBefore == .intent, dialogueBefore.awaitedAnswer == .opening, self.settings.isReadingRequests,
            self.settings.isSpotting
        {
            let start = self.turnAudioStartSampleTime
            let end = speechEnd.map { max($0, start) } ?? time
            spottedRequest = RequestSpotter.reading(
                self.line.embeddingWindows(endingFrom: max(0, start - RequestSpotter.contextSampleCount)),
                speechStart: Self.seconds(start), speechEnd: Self.seconds(end))
        }
        self.turnSpeechEndSampleTime = nil
        var (turn, recognition) = try self.recognition.finish(
            now: self.instant(time), spottedAnswer: spottedAnswer, spottedRequest: spottedRequest)
        self.lastCallerTurnEndSampleTime = time
        if self.hasSpotterFiredInTurn { turn.isUrgent = true }
        let label = self.dialogue.awaitedAnswer?.rawValue ?? "turn"
        let startSeconds = Self.seconds(
            self.caller != nil ? self.caller?.speechStartSampleTime ?? time : self.turnAudioStartSampleTime)
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
        // The scripted caller knows where its speech ended; on a live line the endpointer's end of speech stands in.
        let callerSpeechEnd = self.caller != nil ? self.caller?.speechEndSampleTime : speechEnd
        self.latencyStartSampleTime = callerSpeechEnd.flatMap { $0 <= time ? $0 : nil }
        self.firstPromptReady = nil
        self.isTimingResponse = true
        try self.perform(self.dialogue.handle(.turn(turn)), at: time)
        self.isTimingResponse = false

        // What the caller waits for: the time until the answer's first prompt was ready delays its audio. Work after
        // that (a second prompt, a schedule query) overlaps the first prompt's playing, as it does on a live call.
        let elapsed = (self.firstPromptReady ?? ContinuousClock.now) - wallStart
        let elapsedFrames = elapsed.frameCount(sampleRate: Self.sampleRate)
        self.line.notBeforeSampleTime = time + elapsedFrames
        if let speechEnd = self.latencyStartSampleTime {
            self.detectionDelays.append(Self.seconds(time - speechEnd) * 1000)
            self.responseWork.append(Self.seconds(elapsedFrames) * 1000)
        }
    }
}

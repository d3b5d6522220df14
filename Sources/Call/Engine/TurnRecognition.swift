import Dialogue
import Foundation
import Practice
import Recognition
import Understanding

/// Turns a caller's turn into the dialogue's `TurnResult`: the recognizer of the question's context decodes the
/// turn while it is spoken, the urgency monitor reads the partial hypotheses, and the understanding layer reads
/// the final text.
///
/// Without a pool, recognizers are made on first use for each context and kept for the call. With a shared
/// `RecognizerPool` (many calls in one process), each turn borrows one for its context and gives it back when the
/// turn is finished or abandoned, or when this is released mid-turn (a dropped call: the lease gives back on
/// release); the `name` context then hears the pool's names, which `begin` makes this call's before a `name` turn.
///
/// A turn the pool has no recognizer for (`RecognizerPoolError.exhausted`: every one stayed borrowed for the
/// pool's `waitLimit`) is not an error: it is an unheard turn (`unheardReason`), which `finish` reads as an empty
/// turn, so the dialogue reprompts ("sorry, I didn't catch that") as it does for silence, and the call goes on.
///
/// Not real-time safe: decodes speech. Call side only.
final class TurnRecognition {
    let practice: PracticeConfiguration
    let understander: Understander

    /// Names the `name` context hears: the doctors and the practice's patients.
    var names: [String]

    /// A recognizer as a question needs it: its context and, for a caller's own name, the common names too.
    private struct RecognizerKind: Hashable {
        var context: RecognitionContext
        var includesCommonNames: Bool
    }

    private var recognizers: [RecognizerKind: Recognizer] = [:]
    private var active: Recognizer?
    /// The recognizers the calls share, when there are many calls in the process; `nil` keeps them per call.
    let pool: RecognizerPool?
    /// The pool's recognizer for the turn under way; given back when the turn ends, or when this is released.
    private var lease: RecognizerLease?
    /// What the call's turns have taught the pooled recognizers of its line, carried from turn to turn; `nil` before
    /// the first turn ends.
    private var channelState: Recognizer.ChannelState?

    /// Why the turn under way is not being decoded (the pool had no recognizer free); `nil` when it is, or when no
    /// turn is under way.
    private(set) var unheardReason: String?
    private var monitor = UrgencyMonitor()
    private var fedSinceCheckFrameCount = 0

    /// Whether the partial hypotheses of the turn under way already named an emergency.
    private(set) var isUrgentSoFar = false

    /// Whether a turn is being decoded.
    var isInTurn: Bool { self.active != nil }

    /// Check the partial hypothesis for urgency every this many frames: 100 ms.
    static let urgencyCheckFrameCount = Recognizer.sampleRate / 10

    /// What the recognizer hears of each turn.
    let input: RecognizerInput
    private var filter: TurnFilter?

    /// How the request head's reading and the recognizer's are fused on the opening request: a call's rule is
    /// `RequestSpotter.fusion`; a replay may ask for another to measure it.
    let requestFusion: IntentFusion

    init(
        practice: PracticeConfiguration, patientNames: [String], input: RecognizerInput = .noiseSuppressed,
        requestFusion: IntentFusion = RequestSpotter.fusion, pool: RecognizerPool? = nil
    ) {
        self.practice = practice
        self.pool = pool
        self.input = input
        self.requestFusion = requestFusion
        self.understander = Understander(doctors: practice.doctors.map(\.name), calendar: practice.calendar)
        self.names = practice.doctors.map(\.name) + patientNames
    }

    /// The recognition context that answers a dialogue question.
    static func recognitionContext(for listen: ListenContext) -> RecognitionContext {
        switch listen {
        case .intent: .intent
        case .doctor, .name: .name
        case .time: .time
        case .yesNo: .yesNo
        case .dateOfBirth: .dateOfBirth
        case .digits: .digits
        case .message: .open
        }
    }

    /// Starts decoding a turn that answers `listen`, with a fresh `TurnFilter`.
    ///
    /// The caller's own name (`name`, asked only of a caller not yet identified) is heard with the common given and
    /// family names beside the practice's patients, so that a new patient can be registered (after the dialogue has
    /// read the name back); "which doctor?" hears the practice's names alone.
    ///
    /// With a pool, the turn borrows a recognizer, waiting up to the pool's `waitLimit` on this thread; when none
    /// comes back in time the turn goes unheard (`unheardReason`) rather than failing the call.
    ///
    /// - Throws: `CallError.recognition` when the recognizer cannot be made or started.
    func begin(_ listen: ListenContext) throws(CallError) {
        let kind = RecognizerKind(context: Self.recognitionContext(for: listen), includesCommonNames: listen == .name)
        self.unheardReason = nil
        do {
            let recognizer: Recognizer
            if let pool = self.pool {
                // A turn left open ends here, as `startTurn` ends it on a kept recognizer.
                self.active = nil
                self.giveBackLease()
                guard let borrowed = try self.borrow(kind, from: pool) else {
                    self.startWatchingUrgency()
                    return
                }
                recognizer = borrowed
            } else if let made = self.recognizers[kind] {
                recognizer = made
            } else {
                recognizer = try Recognizer(
                    context: kind.context, names: self.names, includesCommonNames: kind.includesCommonNames)
                self.recognizers[kind] = recognizer
            }
            try recognizer.startTurn()
            self.active = recognizer
            self.filter = try TurnFilter(input: self.input)
        } catch {
            if self.pool != nil {
                self.active = nil
                self.giveBackLease()
            }
            throw .recognition("\(error)")
        }
        self.startWatchingUrgency()
    }

    /// The pool's recognizer for a turn of `kind`, kept in `lease`; `nil`, with `unheardReason` said, when every
    /// one stayed borrowed for the pool's wait limit.
    private func borrow(_ kind: RecognizerKind, from pool: RecognizerPool) throws(RecognizerPoolError) -> Recognizer? {
        if kind.context == .name, pool.names != self.names {
            // TODO: calls that share a pool but hear different names replace each other's; a `name` turn of a call
            // whose names were replaced while it waited hears the other call's list and may miss its patient's name.
            // Calls on one practice hear the same names (the desk box reads them from the store), so they do not.
            pool.updateNames(self.names)
        }
        let lease: RecognizerLease
        do throws(RecognizerPoolError) {
            lease = try pool.borrowWaiting(kind.context, includesCommonNames: kind.includesCommonNames)
        } catch {
            guard case .exhausted = error else { throw error }
            self.unheardReason = "\(error)"
            return nil
        }
        if let channelState = self.channelState { lease.recognizer.channelState = channelState }
        self.lease = lease
        return lease.recognizer
    }

    /// A new turn's urgency watch: nothing heard yet.
    private func startWatchingUrgency() {
        self.monitor = UrgencyMonitor()
        self.isUrgentSoFar = false
        self.fedSinceCheckFrameCount = 0
    }

    /// Decodes more of the turn.
    ///
    /// - Throws: `CallError.recognition` when pocketsphinx fails.
    func feed(_ samples: UnsafeBufferPointer<Int16>) throws(CallError) {
        guard let recognizer = self.active, let filter = self.filter else { return }
        var failure: RecognitionError?
        filter.filter(samples) { block in
            guard failure == nil else { return }
            do throws(RecognitionError) { try recognizer.process(block) } catch { failure = error }
        }
        if let failure { throw .recognition("\(failure)") }
        self.fedSinceCheckFrameCount += samples.count
        // Only a language model's partial text is read: a grammar forces unclear audio onto its emergency phrases.
        if recognizer.context.isFreeText, !self.isUrgentSoFar,
            self.fedSinceCheckFrameCount >= Self.urgencyCheckFrameCount
        {
            self.fedSinceCheckFrameCount = 0
            if let partial = recognizer.partialText, self.monitor.feed(partial) != nil {
                self.isUrgentSoFar = true
            }
        }
    }

    /// A rejected hypothesis with at least this confidence is passed on as uncertain, for the dialogue to read
    /// back. The confidences are calibrated on the tuning voices (`RecognitionContext.confidenceCalibration`), so
    /// 0.25 is a hypothesis that is right about one time in four there: set a priori, where a read-back (one more
    /// turn) is cheaper than a reprompt, not fitted to the scenarios.
    static let readBackFloor = 0.25

    /// Ends the turn and reads it.
    ///
    /// A hypothesis the recognizer rejects as out of context becomes an empty turn (the dialogue reprompts), or,
    /// with a confidence of at least `readBackFloor`, an uncertain one (`TurnResult.isUncertain`: the dialogue
    /// reads it back). In a grammar context the words of a rejected hypothesis are never read for urgency, partial
    /// or final: every grammar has the emergency phrases, and audio it cannot match is forced onto them (an unclear
    /// name came out "bleeding badly"), so an uncertain grammar hypothesis that names an emergency is an empty turn.
    /// In the language-model contexts (`intent`, `open`) an uncertain hypothesis that names an emergency is urgent:
    /// on held-out voices that doubled the urgent sentences flagged from the opening request's text (10 → 21 of
    /// 156) with no false alarm in 489 other sentences (README, "Whole calls").
    ///
    /// In the `yesNo` context, a rejected hypothesis gives way to `spottedAnswer`, the yes/no head's answer
    /// (`YesNoSpotter`), when there is one: the turn reads "yes" or "no" with the head's probability.
    ///
    /// In the `intent` context (the opening request), `spottedRequest`, the request head's family and score
    /// (`RequestSpotter`), goes through `IntentFusion`: when the hypothesis is rejected or names nothing, asks for
    /// nothing, and the head is sure enough of an intent's family, the turn carries the head's intent, uncertain, so
    /// the dialogue reads it back ("Just to check: you'd like our opening hours. Is that right?") before acting on it,
    /// with no slots (the words of a rejected or empty hypothesis are not trusted for a doctor or a day). Urgency is
    /// untouched: an urgent turn is never given the head's intent.
    ///
    /// - Parameters:
    ///   - now: the instant the turn ended, against which "tomorrow" and "Tuesday" are resolved.
    ///   - spottedAnswer: the yes/no head's answer for this turn, if it heard one.
    ///   - spottedRequest: the request head's family and score for an opening turn, if it has one.
    /// - Throws: `CallError.recognition` when pocketsphinx fails.
    // TODO: a new patient whose given or family name is in neither the practice's list nor `CommonNames` is not
    // heard (there is no spelling context), so after the reprompts that caller goes to staff.
    func finish(
        now: Date, spottedAnswer: (YesNo, Float)? = nil, spottedRequest: (Intent, Float)? = nil
    ) throws(CallError) -> (turn: TurnResult, recognition: RecognitionResult) {
        guard let recognizer = self.active else {
            self.unheardReason = nil
            return (
                TurnResult(text: "", intent: .other, confidence: 0),
                RecognitionResult(
                    text: "", confidence: nil, words: [], audioSeconds: 0)
            )
        }
        self.active = nil
        let result: RecognitionResult
        defer { self.giveBackLease() }
        do {
            result = try recognizer.finishTurn()
        } catch {
            throw .recognition("\(error)")
        }
        let understanding = self.understander.understand(result.text, now: now)
        if recognizer.context == .intent, let (spotted, probability) = spottedRequest, !self.isUrgentSoFar,
            !understanding.isUrgent
        {
            let fused = self.requestFusion.fuse(
                recognized: understanding.intent, isRequest: understanding.isRequest, isRejected: result.isRejected,
                spotted: spotted, probability: probability)
            if fused.source == .spotter {
                var turn = TurnResult(
                    text: result.text, intent: fused.intent, confidence: Double(probability), isRequest: true,
                    slots: Slots())
                turn.isUncertain = true
                return (turn, result)
            }
        }
        guard !result.isRejected else {
            if recognizer.context == .yesNo, let (answer, probability) = spottedAnswer {
                var slots = Slots()
                slots.answer = answer
                let text = answer == .yes ? "yes" : "no"
                return (TurnResult(text: text, intent: .other, confidence: Double(probability), slots: slots), result)
            }
            guard let confidence = result.confidence, confidence >= Self.readBackFloor else {
                return (TurnResult(text: "", intent: .other, confidence: 0), result)
            }
            var turn = TurnResult(understanding, text: result.text)
            if recognizer.context.isFreeText, understanding.isUrgent {
                // A language model does not force unclear audio onto the emergency phrases as a grammar does: an
                // uncertain "my husband is having a stroke" is urgent, at once, without a read-back.
                return (turn, result)
            }
            guard !understanding.isUrgent else { return (TurnResult(text: "", intent: .other, confidence: 0), result) }
            turn.isUncertain = true
            return (turn, result)
        }
        let isUrgent = self.isUrgentSoFar || understanding.isUrgent
        var turn = TurnResult(understanding, text: result.text)
        turn.isUrgent = isUrgent
        return (turn, result)
    }

    /// Drops a turn under way without reading it (the caller hung up, or the turn was the agent's own echo).
    func abandon() {
        self.unheardReason = nil
        guard let recognizer = self.active else { return }
        self.active = nil
        _ = try? recognizer.finishTurn()
        self.giveBackLease()
    }

    /// Gives the pool's recognizer back, if a turn holds one, keeping what it learnt of the call's line.
    private func giveBackLease() {
        if let lease = self.lease { self.channelState = lease.recognizer.channelState }
        self.lease?.giveBack()
        self.lease = nil
    }
}

extension RecognitionContext {
    /// Whether the context decodes with a language model (free text), not a grammar.
    var isFreeText: Bool { self == .intent || self == .open }
}

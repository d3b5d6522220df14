import AudioCore
import Dialogue

/// A scripted caller shared by two threads: the bench's caller thread plays its audio, and the call's call side
/// tells it each question. A lock keeps the two apart; neither is the engine's audio path.
///
/// `@unchecked Sendable`: every use of the caller goes through the lock (a pthread one, which ThreadSanitizer sees).
final class LockedScriptedCaller: ScriptedCallerLink, @unchecked Sendable {
    private let caller: Locked<ScriptedCaller>

    init(_ caller: ScriptedCaller) {
        self.caller = Locked(caller)
    }

    /// The caller's audio for the block at `sampleTime`, added into `block` (see `ScriptedCaller.fill`).
    func fill(
        _ block: UnsafeMutableBufferPointer<Float>, sampleTime: Int64, isAgentSpeaking: Bool
    ) throws(CallError) -> LineSignal? {
        try self.caller.withLock { (caller) throws(CallError) -> LineSignal? in
            try caller.fill(block, sampleTime: sampleTime, isAgentSpeaking: isAgentSpeaking)
        }
    }

    func asked(_ slot: AnswerSlot, promptStartSampleTime: Int64, isKeypad: Bool, prompt: Prompt?) {
        self.caller.withLock {
            $0.asked(slot, promptStartSampleTime: promptStartSampleTime, isKeypad: isKeypad, prompt: prompt)
        }
    }

    func forgetPendingQuestion() { self.caller.withLock { $0.forgetPendingQuestion() } }
    var deniedReadBackCount: Int { self.caller.withLock { $0.deniedReadBackCount } }
    var isSpeaking: Bool { self.caller.withLock { $0.isSpeaking } }
    var speechOnsetSampleTime: Int64? { self.caller.withLock { $0.speechOnsetSampleTime } }
    var speechStartSampleTime: Int64? { self.caller.withLock { $0.speechStartSampleTime } }
    var speechEndSampleTime: Int64? { self.caller.withLock { $0.speechEndSampleTime } }
}

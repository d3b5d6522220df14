import Foundation
import Speech
import Testing
import Voice

@testable import Call

/// Barge-in on a coded phone line: the agent's prompts coded as the line's codec (as `PromptVoice` does), their echo
/// carried back through `LineTransport` with the caller's voice, and the detector configured for the line as the
/// front end configures it.
@Suite("Barge-in on a coded line", .serialized)
struct CodedLineBargeInTests {
    /// Four prompts of the agent's voice, each followed by 1.5 s of silence (long enough for the detector to re-arm
    /// after a barge-in), coded and decoded as `codec`, after 1.5 s of silence.
    static func prompts(codec: LineCodec) throws -> [Float] {
        let sentences = [
            "Thank you for calling Riverside Family Practice. How can I help you today?",
            "I can book you with Doctor Patel on Tuesday morning at nine thirty. Does that work for you?",
            "Is there anything else I can help you with? You can also leave a message for the nurse.",
            "The practice is open from eight in the morning until six in the evening on weekdays.",
        ]
        let gap = [Float](repeating: 0, count: CallFrontEnd.sampleRate * 3 / 2)
        var agent = gap
        for sentence in sentences {
            let pcm = try PromptSynthesizer(engine: .default).synthesize(sentence)
            let coded =
                codec == .linear16 ? pcm : try EncodedPrompt.encoding(pcm, as: codec.promptCodec).decodedSamples()
            agent += PromptVoice.trimmed(coded).map { Float($0) / 32768 } + gap
        }
        return agent
    }

    /// A caller's sentence in another voice, without its leading silence, and the frame its speech starts at.
    static func caller() throws -> (samples: [Float], onsetFrame: Int) {
        let pcm = try PromptSynthesizer(engine: .flite(.rms)).synthesize("wait, I need to see a doctor today please")
        let samples = PromptVoice.trimmed(pcm).map { Float($0) / 32768 }
        return (samples, samples.firstIndex { abs($0) > 0.003 } ?? 0)
    }

    /// The seconds at which barge-ins were raised (the end of the raising block) when `agent` plays and its echo
    /// (`delayMilliseconds`, `gainDB`), with `caller` from `callerStartSeconds`, comes back over `codec` losing
    /// `lossPercentage` of its packets; with `isConcealmentPassed` false the detector is not told which blocks
    /// were concealed, and with `isLineKnown` false the front end is made as for a linear line (no coding noise).
    static func bargeIns(
        agent: [Float], codec: LineCodec, lossPercentage: Double, delayMilliseconds: Int, gainDB: Float,
        caller: [Float]? = nil, callerStartSeconds: Double = 0, isConcealmentPassed: Bool = true,
        isLineKnown: Bool = true
    ) throws -> [Double] {
        let rate = CallFrontEnd.sampleRate
        let delay = delayMilliseconds * rate / 1000
        let gain = powf(10, gainDB / 20)
        var capture = [Float](repeating: 0, count: agent.count)
        for index in delay..<agent.count { capture[index] = agent[index - delay] * gain }
        if let caller {
            let start = Int(callerStartSeconds * Double(rate))
            for (offset, sample) in caller.enumerated() where start + offset < capture.count {
                capture[start + offset] += sample
            }
        }

        let line = try LineTransport(codec: codec, lossPercentage: lossPercentage, seed: 3)
        let frontEnd = try CallFrontEnd(isSpotting: false, line: isLineKnown ? codec : .linear16)
        let blockFrameCount = CallFrontEnd.blockFrameCount
        var block = [Float](repeating: 0, count: blockFrameCount)
        var raised: [Double] = []
        for start in stride(from: 0, to: agent.count - blockFrameCount + 1, by: blockFrameCount) {
            block.replaceSubrange(0..<blockFrameCount, with: capture[start..<start + blockFrameCount])
            let isConcealed = block.withUnsafeMutableBufferPointer { line.carry($0) } && isConcealmentPassed
            let reference = agent[start..<start + blockFrameCount]
            let events = block.withUnsafeBufferPointer { captureBlock in
                reference.withUnsafeBufferPointer { referenceBlock in
                    frontEnd.process(
                        capture: captureBlock, reference: referenceBlock,
                        isAgentSpeaking: referenceBlock.contains { $0 != 0 }, isConcealed: isConcealed)
                }
            }
            if events.bargeInOnsetSampleTime != nil { raised.append(Double(start + blockFrameCount) / Double(rate)) }
        }
        #expect(line.lostPacketCount > 0 || lossPercentage == 0)
        return raised
    }

    @Test("a µ-law echo with concealed packets raises no barge-in, and a caller over it is still found within 100 ms")
    func concealedPackets() throws {
        let agent = try Self.prompts(codec: .pcmu)
        let echoAlone = try Self.bargeIns(
            agent: agent, codec: .pcmu, lossPercentage: 5, delayMilliseconds: 120, gainDB: -10)
        #expect(echoAlone.isEmpty, "echo alone raised barge-ins at \(echoAlone) s")
        // Not told which blocks were concealed, the detector takes the decoder's guesses for the caller.
        let untold = try Self.bargeIns(
            agent: agent, codec: .pcmu, lossPercentage: 5, delayMilliseconds: 120, gainDB: -10,
            isConcealmentPassed: false)
        #expect(!untold.isEmpty)

        let (caller, onsetFrame) = try Self.caller()
        for startSeconds in [4.0, 9.0] {
            let raised = try Self.bargeIns(
                agent: agent, codec: .pcmu, lossPercentage: 5, delayMilliseconds: 120, gainDB: -10, caller: caller,
                callerStartSeconds: startSeconds)
            let onset = startSeconds + Double(onsetFrame) / Double(CallFrontEnd.sampleRate)
            let found = try #require(raised.first { $0 > onset }, "caller at \(onset) s missed: \(raised)")
            #expect(found - onset <= 0.1, "caller at \(onset) s found at \(found) s")
            #expect(raised.allSatisfy { $0 > onset }, "barge-ins before the caller spoke: \(raised)")
        }
    }

    @Test("an Opus echo raises no barge-in where the codec lost its waveform, and a caller over it is still found")
    func opusCodingNoise() throws {
        let agent = try Self.prompts(codec: .opus)
        let (caller, onsetFrame) = try Self.caller()
        for (delayMilliseconds, gainDB) in [(120, Float(-10)), (60, -14)] {
            let echoAlone = try Self.bargeIns(
                agent: agent, codec: .opus, lossPercentage: 0, delayMilliseconds: delayMilliseconds, gainDB: gainDB)
            #expect(echoAlone.isEmpty, "\(delayMilliseconds) ms: echo alone raised barge-ins at \(echoAlone) s")
            for startSeconds in [4.0, 9.0] {
                let raised = try Self.bargeIns(
                    agent: agent, codec: .opus, lossPercentage: 0, delayMilliseconds: delayMilliseconds,
                    gainDB: gainDB, caller: caller, callerStartSeconds: startSeconds)
                let onset = startSeconds + Double(onsetFrame) / Double(CallFrontEnd.sampleRate)
                let found = try #require(raised.first { $0 > onset }, "caller at \(onset) s missed: \(raised)")
                #expect(found - onset <= 0.1, "\(delayMilliseconds) ms: caller at \(onset) s found at \(found) s")
            }
        }
        // Without the line's coding noise the residual test takes those blocks for the caller.
        let untold = try Self.bargeIns(
            agent: agent, codec: .opus, lossPercentage: 0, delayMilliseconds: 120, gainDB: -10, isLineKnown: false)
        #expect(!untold.isEmpty)
    }
}

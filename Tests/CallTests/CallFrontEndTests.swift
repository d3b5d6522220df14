import Dialogue
import Speech
import Testing

@testable import Call

/// The front end's barge-in at a prompt's start, and the playout's notion of when the agent is heard.
@Suite("Call front end", .serialized) struct CallFrontEndTests {
    /// A flite voice other than the agent's, as floats.
    static func speech(_ text: String) throws -> [Float] {
        try PromptSynthesizer(engine: .flite(.rms)).synthesize(text).map { Float($0) / 32768 }
    }

    /// Feeds `capture` block by block, with `reference` from `promptStartFrame` on (silence before it), and returns
    /// the blocks that raised a barge-in and their onsets. Nothing stops the prompt, so a barge-in may be raised again
    /// later in it.
    static func run(
        capture: [Float], reference: [Float], promptStartFrame: Int
    ) throws -> [(block: Int, onset: Int64)] {
        let frontEnd = try CallFrontEnd(isSpotting: false)
        let blockFrameCount = CallFrontEnd.blockFrameCount
        var raised: [(block: Int, onset: Int64)] = []
        var agent = [Float](repeating: 0, count: blockFrameCount)
        for block in 0..<capture.count / blockFrameCount {
            let start = block * blockFrameCount
            let isAgentSpeaking = start >= promptStartFrame && start - promptStartFrame < reference.count
            for index in 0..<blockFrameCount {
                let offset = start + index - promptStartFrame
                agent[index] = isAgentSpeaking && offset < reference.count ? reference[offset] : 0
            }
            let events = capture[start..<start + blockFrameCount].withUnsafeBufferPointer { captureBlock in
                agent.withUnsafeBufferPointer { agentBlock in
                    frontEnd.process(capture: captureBlock, reference: agentBlock, isAgentSpeaking: isAgentSpeaking)
                }
            }
            if let onset = events.bargeInOnsetSampleTime { raised.append((block, onset)) }
        }
        return raised
    }

    @Test("a prompt that starts while the caller is still talking is stopped on its first block")
    func promptOverCaller() throws {
        let caller = try Self.speech("my husband is slurring his words and he can't lift his arm properly")
        let prompt = try Self.speech("Sorry, I didn't catch that. Are you calling to book an appointment?")
        // The prompt starts a second into the caller's sentence, on a line without echo.
        let promptStart = CallFrontEnd.sampleRate
        #expect(caller.count > 2 * promptStart)
        let raised = try Self.run(capture: caller, reference: prompt, promptStartFrame: promptStart)
        let first = try #require(raised.first)
        #expect(first.block == promptStart / CallFrontEnd.blockFrameCount, "raised at block \(first.block)")
        #expect(first.onset < Int64(promptStart), "onset \(first.onset): the caller's turn began before the prompt")
    }

    @Test("a prompt that starts over silence is not stopped, and its own echo does not stop it")
    func promptOverSilence() throws {
        let prompt = try Self.speech("Sorry, I didn't catch that. Are you calling to book an appointment?")
        let promptStart = CallFrontEnd.sampleRate / 2
        // The prompt's echo 40 ms later at -18 dB, nothing else on the line.
        let delay = CallFrontEnd.sampleRate * 40 / 1000
        var capture = [Float](repeating: 0, count: promptStart + prompt.count + CallFrontEnd.sampleRate)
        for (index, sample) in prompt.enumerated() { capture[promptStart + delay + index] += 0.126 * sample }
        let raised = try Self.run(capture: capture, reference: prompt, promptStartFrame: promptStart)
        #expect(raised.isEmpty, "\(raised)")
    }

    @Test("the playout sounds only once a queued prompt's audio is read, not while it waits for the call side")
    func playoutSounds() {
        let playout = AgentPlayout()
        var block = [Float](repeating: 0, count: CallFrontEnd.blockFrameCount)
        playout.enqueue(Prompt(key: "test", text: "test", isFixed: false), samples: [Float](repeating: 0.1, count: 240))
        playout.notBeforeSampleTime = 320
        _ = block.withUnsafeMutableBufferPointer { playout.read(into: $0, sampleTime: 160) }
        #expect(playout.isPlaying && !playout.isSounding)
        let started = block.withUnsafeMutableBufferPointer { playout.read(into: $0, sampleTime: 320) }
        #expect(started?.key == "test" && playout.isSounding)
        _ = block.withUnsafeMutableBufferPointer { playout.read(into: $0, sampleTime: 480) }
        #expect(!playout.isPlaying && playout.isSounding, "the block that ends the prompt still carries it")
        _ = block.withUnsafeMutableBufferPointer { playout.read(into: $0, sampleTime: 640) }
        #expect(!playout.isSounding)
    }
}

import Voice

/// A call in which the agent talks and its echo comes back through an echo path, optionally with the caller
/// starting to talk over it: real speech from `vad_concat`, agent and caller from different tracks, read from the
/// corpus's own 8 kHz or 16 kHz recordings (not resampled), at `sampleRate`.
struct BargeInScenario {
    /// The agent's outgoing audio (the far-end reference).
    var agent: [Float]
    /// What the microphone hears: the agent's echo plus the caller, if any.
    var capture: [Float]
    /// The frame where the caller's labelled speech starts, if a caller talks.
    var callerOnsetFrame: Int?
    /// The call's sample rate: 8000 or 16000.
    var sampleRate: Int

    /// The default rate, a wideband call.
    static let sampleRate = 16000

    /// The corpus track `concat<number>` recorded at `sampleRate`.
    static func track(_ number: Int, sampleRate: Int) throws -> [Float] {
        precondition(sampleRate == 8000 || sampleRate == 16000, "the corpus holds 8 and 16 kHz tracks")
        return try Corpus.samples("vad_concat/concat\(number)_clean_\(sampleRate / 1000)k.wav", sampleRate: sampleRate)
    }

    /// The agent's prompt: four labelled utterances of `concat1` back to back with 200 ms gaps, about 15 s.
    static func agentSpeech(sampleRate: Int = Self.sampleRate) throws -> [Float] {
        let track = try self.track(1, sampleRate: sampleRate)
        let spans = try Corpus.speechSpans("vad_concat/concat1.lab")
        var prompt: [Float] = []
        for span in [spans[1], spans[7], spans[8], spans[9]] {
            prompt += track[Int(span.lowerBound * Double(sampleRate))..<Int(span.upperBound * Double(sampleRate))]
            prompt += [Float](repeating: 0, count: sampleRate / 5)
        }
        return prompt
    }

    /// One labelled utterance of `concat2` (another set of speakers), starting exactly at its labelled onset.
    static func callerSpeech(utterance: Int, sampleRate: Int = Self.sampleRate) throws -> [Float] {
        let track = try self.track(2, sampleRate: sampleRate)
        let span = try Corpus.speechSpans("vad_concat/concat2.lab")[utterance]
        return Array(track[Int(span.lowerBound * Double(sampleRate))..<Int(span.upperBound * Double(sampleRate))])
    }

    /// The agent's prompt, its echo (delay and gain), and the caller's utterance from `callerOnsetSeconds` at
    /// `callerGain`, with `tailSeconds` of silence after the prompt; `caller` must be at `sampleRate`.
    static func make(
        echoDelayMilliseconds: Int, echoGain: Float, caller: [Float]?, callerOnsetSeconds: Double,
        callerGain: Float = 1, tailSeconds: Double = 1, sampleRate: Int = Self.sampleRate
    ) throws -> BargeInScenario {
        var agent = try agentSpeech(sampleRate: sampleRate)
        agent += [Float](repeating: 0, count: Int(tailSeconds * Double(sampleRate)))
        var capture = EchoPath.apply(
            agent, sampleRate: sampleRate, delayMilliseconds: echoDelayMilliseconds, gain: echoGain)
        var onset: Int?
        if let caller {
            let start = Int(callerOnsetSeconds * Double(sampleRate))
            onset = start
            for (offset, sample) in caller.enumerated() where start + offset < capture.count {
                capture[start + offset] += callerGain * sample
            }
        }
        return BargeInScenario(agent: agent, capture: capture, callerOnsetFrame: onset, sampleRate: sampleRate)
    }

    /// Runs the scenario through a headset processor and a detector that hears the raw capture (before the
    /// processor changes it); returns the frame at which each barge-in was raised (the end of the deciding block)
    /// and its reported onset. Blocks are 10 ms at the scenario's rate unless `frameCount` says otherwise.
    func run<Classifier: BargeInSpeechClassifier>(
        processor: VoiceProcessor?, detector: inout BargeInDetector<Classifier>, frameCount: Int? = nil
    ) -> [(raisedFrame: Int, onsetFrame: Int)] {
        let frameCount = frameCount ?? self.sampleRate / 100
        var events: [(raisedFrame: Int, onsetFrame: Int)] = []
        var block = [Float](repeating: 0, count: frameCount)
        for start in stride(from: 0, to: self.capture.count - frameCount + 1, by: frameCount) {
            self.agent.withUnsafeBufferPointer { agent in
                self.capture.withUnsafeBufferPointer { capture in
                    let reference = UnsafeBufferPointer(rebasing: agent[start..<start + frameCount])
                    let raw = UnsafeBufferPointer(rebasing: capture[start..<start + frameCount])
                    let action = detector.process(capture: raw, reference: reference, sampleTime: Int64(start))
                    if case .bargeIn(let onset) = action {
                        events.append((start + frameCount, Int(onset)))
                    }
                    if let processor {
                        processor.analyzeRender(reference)
                        _ = block.withUnsafeMutableBufferPointer { $0.update(fromContentsOf: raw) }
                        _ = block.withUnsafeMutableBufferPointer { processor.processCapture($0) }
                    }
                }
            }
        }
        return events
    }
}

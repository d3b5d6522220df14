import AudioCore
import Dialogue
import Foundation
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

        try self.session.start()
        while self.session.endReason == nil {
            let time = self.frontEnd.sampleTime
            guard time < maximumSampleTime else {
                self.session.endReason = "time limit"
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
            self.agentTrack.append(contentsOf: agent)
            for index in 0..<blockFrameCount {
                let echoIndex = Int(time) + index - echoDelayFrameCount
                capture[index] = self.scenario.echo != nil && echoIndex >= 0 ? self.agentTrack[echoIndex] * echoGain : 0
            }
            let act = try capture.withUnsafeMutableBufferPointer { (block) throws(CallError) in
                try self.caller.fill(block, sampleTime: time, isAgentSpeaking: wasPlaying || self.playout.isPlaying)
            }
            // The line's receiver knows which packets it concealed, as a packet call's decoder does.
            let isConcealed = capture.withUnsafeMutableBufferPointer { self.transport.carry($0) }
            self.callerTrack.append(contentsOf: capture)

            let events = capture.withUnsafeBufferPointer { captureBlock in
                agent.withUnsafeBufferPointer { agentBlock in
                    self.frontEnd.process(
                        capture: captureBlock, reference: agentBlock, isAgentSpeaking: self.playout.isSounding,
                        isConcealed: isConcealed)
                }
            }
            capture.withUnsafeBufferPointer { self.history.record($0) }
            if let window = events.embedding { self.history.keep(window) }
            try self.session.process(
                CallBlock(
                    sampleTime: time, frameCount: blockFrameCount, events: events, wasPlaying: wasPlaying,
                    startedPrompt: started, startedAfterSilence: !wasSounding, signal: act))
        }
        return try self.finish()
    }
}

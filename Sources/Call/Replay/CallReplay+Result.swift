import Dialogue
import Foundation
import Practice
import Understanding

extension CallReplay {
    /// The call is over: the call side records it; its audio and transcript are written, and it is scored.
    func finish() throws(CallError) -> ReplayResult {
        let endSampleTime = self.frontEnd.sampleTime
        let call = self.session!
        try call.close(at: endSampleTime)
        var result = call.result(id: self.scenario.id, endSampleTime: endSampleTime)
        if self.transport.lostPacketCount > 0 {
            result.actions.append(
                "line: \(self.transport.lostPacketCount) of \(self.transport.packetCount) packets lost and concealed")
        }
        if self.transport.codingFailureCount > 0 {
            result.actions.append("line: \(self.transport.codingFailureCount) packets the codec could not carry")
        }
        result.mismatches = self.scenario.expectation.mismatches(result, practice: self.practice)
        if let folder = self.configuration.outputFolder {
            let callFolder = folder.appendingPathComponent(self.scenario.id)
            try self.write(to: callFolder)
            result.outputFolder = callFolder
        }
        return result
    }

    func write(to folder: URL) throws(CallError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (self.session.transcript + "\n").write(
                to: folder.appendingPathComponent("transcript.txt"), atomically: true, encoding: .utf8)
        } catch {
            throw .output(path: folder.path, reason: "\(error)")
        }
        try ReplayAudio.write([self.agentTrack], to: folder.appendingPathComponent("agent.wav"))
        try ReplayAudio.write([self.callerTrack, self.agentTrack], to: folder.appendingPathComponent("call.wav"))
    }
}

import Foundation

extension DeskScript {
    /// `script.json`: the clock, and each call's scenario file, answer time and `now` as played.
    private struct File: Codable {
        struct Call: Codable {
            var scenario: String
            var answerSeconds: Double
            var now: String
            var callSeconds: Double
        }

        struct Skipped: Codable {
            var id: String
            var reason: String
        }

        var clock: String
        var calls: [Call]
        var skipped: [Skipped]
    }

    /// Writes `capture.wav` and `script.json` into `folder`; `scenarioFiles` maps each scenario id to its file.
    ///
    /// - Throws: `CallError.output` when a file cannot be written.
    public func write(to folder: URL, scenarioFiles: [String: URL]) throws(CallError) {
        try ReplayAudio.write([self.samples], to: folder.appendingPathComponent("capture.wav"))
        let file = File(
            clock: self.clockStart.description,
            calls: self.calls.map { call in
                File.Call(
                    scenario: scenarioFiles[call.scenario.id]?.path ?? call.scenario.id,
                    answerSeconds: call.answerSeconds, now: call.scenario.now.description,
                    callSeconds: call.callSeconds)
            },
            skipped: self.skipped.map { File.Skipped(id: $0.id, reason: $0.reason) })
        let url = folder.appendingPathComponent("script.json")
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(file).write(to: url)
        } catch {
            throw .output(path: url.path, reason: "\(error)")
        }
    }

    /// Reads a `script.json` and the scenarios it names (not the capture, which `attendant run` plays).
    ///
    /// - Throws: `CallError.script` when the script or a scenario cannot be read.
    public init(contentsOf url: URL) throws(CallError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            throw .script(path: url.path, reason: "not a desk script: \(error)")
        }
        guard let clock = LocalDateTime(file.clock) else {
            throw .script(path: url.path, reason: "clock \(file.clock) is not YYYY-MM-DDTHH:MM:SS")
        }
        var calls: [Call] = []
        for entry in file.calls {
            var scenario: Scenario
            do {
                scenario = try Scenario(contentsOf: URL(fileURLWithPath: entry.scenario))
            } catch {
                throw .script(path: entry.scenario, reason: "\(error)")
            }
            guard let now = LocalDateTime(entry.now) else {
                throw .script(path: url.path, reason: "now \(entry.now) is not YYYY-MM-DDTHH:MM:SS")
            }
            scenario.now = now
            scenario.callerNumber = nil
            calls.append(Call(scenario: scenario, answerSeconds: entry.answerSeconds, callSeconds: entry.callSeconds))
        }
        self.init(
            clockStart: clock, calls: calls, skipped: file.skipped.map { ($0.id, $0.reason) }, samples: [])
    }
}

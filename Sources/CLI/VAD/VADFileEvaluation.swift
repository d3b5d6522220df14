import Codecs
import Foundation
import Voice

/// One audio file run through Attendant's detector, WebRTC's in all four modes and, when a fixture exists, Silero's
/// recorded decisions, with frame scores against labels when labels are given.
///
/// Not real-time safe: control thread only.
struct VADFileEvaluation {
    /// The audio file.
    var path: String
    /// Its rate, 8000 or 16000.
    var sampleRate: Int
    /// Whole 10 ms blocks in the file (a partial last block is dropped).
    var blockCount: Int
    /// Attendant's results, one per block.
    var attendant: [VoiceActivity]
    /// WebRTC's decisions per mode 0–3, one per block.
    var webRTC: [[Bool]]
    /// Silero's decisions on the same grid, when a fixture exists for this file.
    var silero: [Bool]?
    /// The fixture the Silero column came from.
    var sileroPath: String?
    /// Per-block labels, when labels were given.
    var labels: [Bool]?
    /// The labelled speech spans in seconds, when labels were given.
    var speechSpans: [Range<Double>]?

    /// Reads and runs one file.
    ///
    /// - Parameters:
    ///   - path: Mono audio at 8 or 16 kHz (WAV incl. G.711, FLAC).
    ///   - labelsPath: An Audacity label file for the same recording, or `nil`.
    ///   - sileroDirectory: Where to look for `<audio name without extension>.txt`, or `nil`.
    /// - Throws: `AudioFileError`, `VADInputError`, `SpeechLabelError`, `ReferenceDecisionError`.
    static func run(path: String, labelsPath: String?, sileroDirectory: String?) throws -> VADFileEvaluation {
        let (samples, sampleRate) = try VADAudio.read(path)
        let blockFrameCount = sampleRate / 100
        let blockCount = samples.count / blockFrameCount
        guard blockCount > 0 else { throw VADInputError.tooShort(path: path, frameCount: samples.count) }

        var labels: [Bool]?
        var speechSpans: [Range<Double>]?
        if let labelsPath {
            let text = try String(contentsOfFile: labelsPath, encoding: .utf8)
            let parsed = try SpeechLabels(parsing: text, path: labelsPath)
            try parsed.validate(
                durationSeconds: Double(samples.count) / Double(sampleRate), path: labelsPath,
                audioPath: path)
            labels = parsed.blockLabels(blockCount: blockCount)
            speechSpans = parsed.speechSpans
        }

        let detector = try VoiceActivityDetector(sampleRate: sampleRate)
        let webRTC = try (0...3).map { try WebRTCVoiceActivityDetector(mode: $0, sampleRate: sampleRate) }
        var attendant: [VoiceActivity] = []
        attendant.reserveCapacity(blockCount)
        var webRTCDecisions = [[Bool]](repeating: [], count: 4)
        samples.withUnsafeBufferPointer { buffer in
            for block in 0..<blockCount {
                let slice = UnsafeBufferPointer(
                    rebasing: buffer[block * blockFrameCount..<(block + 1) * blockFrameCount])
                attendant.append(detector.process(slice))
                for mode in 0...3 { webRTCDecisions[mode].append(webRTC[mode].process(slice)) }
            }
        }

        var silero: [Bool]?
        var sileroPath: String?
        if let sileroDirectory {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let candidate = URL(fileURLWithPath: sileroDirectory).appendingPathComponent(stem + ".txt").path
            if FileManager.default.fileExists(atPath: candidate) {
                let reference = try ReferenceDecisions(
                    parsing: try String(contentsOfFile: candidate, encoding: .utf8), path: candidate)
                silero = reference.blockDecisions(blockCount: blockCount)
                sileroPath = candidate
            }
        }

        return VADFileEvaluation(
            path: path, sampleRate: sampleRate, blockCount: blockCount, attendant: attendant,
            webRTC: webRTCDecisions, silero: silero, sileroPath: sileroPath, labels: labels,
            speechSpans: speechSpans)
    }

    /// Attendant's decisions.
    var attendantDecisions: [Bool] { self.attendant.map(\.isSpeech) }

    /// Attendant's score, when labelled.
    var attendantScore: FrameScore? { self.labels.map { FrameScore(decisions: self.attendantDecisions, labels: $0) } }

    /// WebRTC's score per mode, when labelled.
    var webRTCScores: [FrameScore]? {
        self.labels.map { labels in self.webRTC.map { FrameScore(decisions: $0, labels: labels) } }
    }

    /// The WebRTC mode with the best accuracy on this file (the lowest mode on a tie).
    var bestWebRTCMode: Int? {
        guard let scores = self.webRTCScores else { return nil }
        return scores.indices.max {
            scores[$0].accuracy < scores[$1].accuracy || (scores[$0].accuracy == scores[$1].accuracy && $0 > $1)
        }
    }

    /// Silero's score, when labelled and a fixture exists.
    var sileroScore: FrameScore? {
        guard let labels = self.labels, let silero = self.silero else { return nil }
        return FrameScore(decisions: silero, labels: labels)
    }

    /// Attendant's turn events under `configuration`.
    func turnEvents(_ configuration: EndpointerConfiguration) -> [TurnEvent] {
        var endpointer = Endpointer(configuration: configuration, sampleRate: self.sampleRate)
        let blockFrameCount = self.sampleRate / 100
        var events: [TurnEvent] = []
        for (block, activity) in self.attendant.enumerated() {
            let time = Int64(block * blockFrameCount)
            if let event = endpointer.process(activity, sampleTime: time, frameCount: blockFrameCount) {
                events.append(event)
            }
        }
        return events
    }

    /// The endpointing score of Attendant's turn events, when labelled.
    func endpointingScore(_ configuration: EndpointerConfiguration) -> EndpointingScore? {
        self.speechSpans.map {
            EndpointingScore(events: self.turnEvents(configuration), spans: $0, sampleRate: self.sampleRate)
        }
    }

    /// Speech segments in seconds from per-block decisions.
    static func segments(_ decisions: [Bool]) -> [Range<Double>] {
        var segments: [Range<Double>] = []
        var start: Int?
        for (block, isSpeech) in decisions.enumerated() {
            if isSpeech, start == nil { start = block }
            if !isSpeech, let first = start {
                segments.append(Double(first) * 0.01..<Double(block) * 0.01)
                start = nil
            }
        }
        if let first = start { segments.append(Double(first) * 0.01..<Double(decisions.count) * 0.01) }
        return segments
    }
}

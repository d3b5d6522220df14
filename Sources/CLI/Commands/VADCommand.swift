import Foundation
import Voice

/// `attendant vad <audio>`: the speech segments Attendant's detector finds, and with labels the frame scores of
/// Attendant's, WebRTC's and Silero's detectors side by side.
struct VADCommand: Command {
    let name = "vad"
    let summary = "Find speech in an audio file; with labels, score Attendant's VAD against WebRTC's and Silero's"
    let usage = """
        Usage: attendant vad <audio> [--labels FILE.lab] [--json] [--silero DIR]

        Runs Attendant's voice-activity detector over mono audio at 8000 or 16000 Hz (WAV incl. G.711, FLAC) in
        10 ms blocks and prints the speech segments it finds. With --labels (Audacity format, 'start<TAB>end<TAB>
        speech|silence'), also prints frame-level accuracy, true-positive rate (TPR) and false-positive rate (FPR)
        on a 10 ms grid for Attendant's detector and WebRTC's in modes 0-3, and for Silero VAD when a fixture
        '<audio name>.txt' made by tools/silero-vad-reference exists.

        Options:
          --labels FILE  Speech/non-speech labels for the file.
          --json         One JSON object instead of text.
          --silero DIR   Where Silero fixtures are (default fixtures/vad/silero in the current directory).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: ["labels", "silero"])
        let path = try parsed.positional(0, named: "audio")
        try parsed.expectPositionalCount(atMost: 1)
        let evaluation = try VADFileEvaluation.run(
            path: path, labelsPath: parsed.options["labels"],
            sileroDirectory: parsed.options["silero"] ?? VADReport.defaultSileroDirectory)
        let segments = VADFileEvaluation.segments(evaluation.attendantDecisions)

        if parsed.has("json") {
            console.print(Self.json(evaluation, segments: segments))
            return ExitStatus.success
        }
        let seconds = Double(evaluation.blockCount) / 100
        console.print("\(path): \(evaluation.sampleRate) Hz, \(String(format: "%.2f", seconds)) s")
        console.print("speech segments (Attendant): \(segments.count)")
        for segment in segments {
            console.print(String(format: "  %8.2f  %8.2f", segment.lowerBound, segment.upperBound))
        }
        if let attendant = evaluation.attendantScore, let webRTC = evaluation.webRTCScores {
            console.print("")
            console.print("detector          accuracy   TPR   FPR")
            console.print(VADReport.pad("Attendant", 18) + VADReport.columns(attendant))
            for (mode, score) in webRTC.enumerated() {
                let mark = mode == evaluation.bestWebRTCMode ? " (best mode)" : ""
                console.print(VADReport.pad("WebRTC mode \(mode)", 18) + VADReport.columns(score) + mark)
            }
            if let silero = evaluation.sileroScore {
                console.print(VADReport.pad("Silero (fixture)", 18) + VADReport.columns(silero))
            }
        }
        return ExitStatus.success
    }

    static func json(_ evaluation: VADFileEvaluation, segments: [Range<Double>]) -> String {
        let segmentText = segments.map { String(format: "[%.2f,%.2f]", $0.lowerBound, $0.upperBound) }
        var members = [
            "\"file\":\(jsonString(evaluation.path))",
            "\"sampleRate\":\(evaluation.sampleRate)",
            "\"blockCount\":\(evaluation.blockCount)",
            "\"segments\":[\(segmentText.joined(separator: ","))]",
        ]
        if let attendant = evaluation.attendantScore, let webRTC = evaluation.webRTCScores,
            let best = evaluation.bestWebRTCMode
        {
            var scores = ["\"attendant\":\(VADReport.json(attendant))"]
            scores.append("\"webrtc\":[\(webRTC.map(VADReport.json).joined(separator: ","))]")
            scores.append("\"webrtcBestMode\":\(best)")
            if let silero = evaluation.sileroScore { scores.append("\"silero\":\(VADReport.json(silero))") }
            members.append("\"scores\":{\(scores.joined(separator: ","))}")
        }
        return "{\(members.joined(separator: ","))}"
    }
}

import Codecs
import Foundation
import Voice

/// `attendant vad-features <audio> [--labels FILE.lab]`: the combiner's inputs block by block, for
/// `tools/fit-vad-model`. Not listed in `attendant --help`: it is a tool's data source, not a user's command.
struct VADFeaturesCommand: Command {
    let name = "vad-features"
    let summary = "Print Attendant's VAD features per 10 ms block (input to tools/fit-vad-model)"
    let isHidden = true
    let usage = """
        Usage: attendant vad-features <audio> [--labels FILE.lab]

        Runs Attendant's voice-activity detector over mono audio at 8000 or 16000 Hz and prints one
        tab-separated line per 10 ms block: the label (1 speech, 0 not, -1 without --labels), the detector's
        probability, its decision (1/0), then the features the combiner weighs (VoiceActivityModel.featureCount
        columns). The first line names the columns.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: [], options: ["labels"])
        let path = try parsed.positional(0, named: "audio")
        try parsed.expectPositionalCount(atMost: 1)

        let (samples, sampleRate) = try VADAudio.read(path)
        let detector = try VoiceActivityDetector(sampleRate: sampleRate)
        let blockCount = samples.count / detector.blockFrameCount
        guard blockCount > 0 else { throw VADInputError.tooShort(path: path, frameCount: samples.count) }

        var labels: [Bool]?
        if let labelsPath = parsed.options["labels"] {
            let text = try String(contentsOfFile: labelsPath, encoding: .utf8)
            let speech = try SpeechLabels(parsing: text, path: labelsPath)
            try speech.validate(
                durationSeconds: Double(samples.count) / Double(sampleRate), path: labelsPath,
                audioPath: path)
            labels = speech.blockLabels(blockCount: blockCount)
        }

        let featureCount = VoiceActivityModel.featureCount
        var lines = ["label\tprobability\tspeech\t" + (0..<featureCount).map { "f\($0)" }.joined(separator: "\t")]
        lines.reserveCapacity(blockCount + 1)
        samples.withUnsafeBufferPointer { buffer in
            for block in 0..<blockCount {
                let activity = detector.process(buffer, from: block * detector.blockFrameCount)
                let features = detector.lastFeatures
                let label = labels.map { $0[block] ? "1" : "0" } ?? "-1"
                var fields = [label, String(activity.probability), activity.isSpeech ? "1" : "0"]
                for index in 0..<featureCount { fields.append(String(features[index])) }
                lines.append(fields.joined(separator: "\t"))
            }
        }
        console.print(lines.joined(separator: "\n"))
        return ExitStatus.success
    }
}

import Foundation
import Spotting

extension EvalCommand {
    func runSpot(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: ["head"])
        let listPath = try parsed.positional(0, named: "transcripts.tsv")
        try parsed.expectPositionalCount(atMost: 1)
        let headName = try parsed.choice("head", from: ["digits"]) ?? "digits"
        let head = try SpotterHead.load(SpotterHead.Trained(rawValue: headName)!)
        let embedder = SpeechEmbedder(weights: try SpeechEmbeddingWeights.load())
        let showsProgress = isatty(2) != 0

        let evaluation = try DigitSpottingEvaluation.run(listPath: listPath, head: head, embedder: embedder) {
            done, total in
            if showsProgress {
                FileHandle.standardError.write(Data("\r\(done)/\(total)".utf8))
            }
        }
        if showsProgress {
            FileHandle.standardError.write(Data("\r".utf8))
        }

        let costPerAudioSecond = evaluation.embeddingCPUSeconds / max(evaluation.audioSeconds, 1e-9) * 1000
        if parsed.has("json") {
            let rows = evaluation.rows.map { row in
                "{\"file\":\(jsonString(row.path)),\"reference\":\(jsonString(row.reference)),"
                    + "\"label\":\(jsonString(row.label)),\"probability\":\(String(format: "%.3f", row.probability)),"
                    + "\"correct\":\(row.isCorrect)}"
            }
            console.print(
                "{\"head\":\(jsonString(headName)),\"files\":\(evaluation.rows.count),"
                    + "\"accuracy\":\(Self.rate(evaluation.accuracy)),"
                    + "\"embeddingMillisecondsPerAudioSecond\":\(String(format: "%.2f", costPerAudioSecond)),"
                    + "\"rows\":[\(rows.joined(separator: ","))]}")
        } else {
            for row in evaluation.rows where !row.isCorrect {
                console.print(
                    "\(row.path)\n  said:  \(row.reference)\n  heard: \(row.label) (p \(String(format: "%.2f", row.probability)))"
                )
            }
            let correct = evaluation.rows.filter(\.isCorrect).count
            console.print(
                "\(evaluation.rows.count) files, head \(headName): \(correct) right, accuracy \(Self.rate(evaluation.accuracy)), "
                    + "embedding \(String(format: "%.2f", costPerAudioSecond)) ms CPU per audio s (padding included)")
        }
        return ExitStatus.success
    }
}

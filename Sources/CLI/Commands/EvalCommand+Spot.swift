import Call
import Foundation
import Spotting

extension EvalCommand {
    func runSpot(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: ["head"])
        let listPath = try parsed.positional(0, named: "transcripts.tsv")
        try parsed.expectPositionalCount(atMost: 1)
        let headName = try parsed.choice("head", from: ["digits", "yesno"]) ?? "digits"
        let head = try SpotterHead.load(SpotterHead.Trained(rawValue: headName)!)
        let embedder = SpeechEmbedder(weights: try SpeechEmbeddingWeights.load())
        let showsProgress = isatty(2) != 0

        let evaluation = try SpottingEvaluation.run(listPath: listPath, head: head, embedder: embedder) {
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
            if headName == "yesno" {
                // How a call uses the head: a yes or a no this sure stands in for a rejected answer.
                let floor = YesNoSpotter.minimumProbability
                let sure = evaluation.rows.filter { $0.label != "other" && $0.probability >= floor }
                let yesNoCount = evaluation.rows.filter { $0.reference != "other" }.count
                console.print(
                    "at p >= \(floor): \(sure.filter(\.isCorrect).count) of \(yesNoCount) yes/no answers named, "
                        + "\(sure.filter { !$0.isCorrect }.count) answers named wrong")
            }
            console.print(
                "\(evaluation.rows.count) files, head \(headName): \(correct) right, accuracy \(Self.rate(evaluation.accuracy)), "
                    + "embedding \(String(format: "%.2f", costPerAudioSecond)) ms CPU per audio s (padding included)")
        }
        return ExitStatus.success
    }
}

import Foundation
import Recognition

extension EvalCommand {
    func runASR(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(
            arguments, flags: ["json", "common-names"],
            options: ["context", "names", "decoder-options", "phone-loop-options"])
        let listPath = try parsed.positional(0, named: "transcripts.tsv")
        try parsed.expectPositionalCount(atMost: 1)
        let contextName = try parsed.choice("context", from: RecognitionContext.allCases.map(\.rawValue)) ?? "digits"
        let context = RecognitionContext(rawValue: contextName)!
        let names = try TranscribeCommand.names(parsed)
        let showsProgress = isatty(2) != 0

        let decoderOptions = try Self.decoderOptions(parsed, "decoder-options")
        let phoneLoopOptions = try Self.decoderOptions(parsed, "phone-loop-options")
        let evaluation = try ASREvaluation.run(
            listPath: listPath, context: context, names: names, includesCommonNames: parsed.has("common-names"),
            decoderOptions: decoderOptions,
            phoneLoopOptions: phoneLoopOptions
        ) { done, total in
            if showsProgress {
                FileHandle.standardError.write(Data("\r\(done)/\(total)".utf8))
            }
        }
        if showsProgress {
            FileHandle.standardError.write(Data("\r".utf8))
        }

        let audioSeconds = max(evaluation.audioSeconds, 1e-9)
        let split = (
            decoder: evaluation.decodingCPUSeconds.decoder / audioSeconds,
            phoneLoop: evaluation.decodingCPUSeconds.phoneLoop / audioSeconds
        )
        if parsed.has("json") {
            let rows = evaluation.rows.map { row in
                "{\"file\":\(jsonString(row.path)),\"reference\":\(jsonString(row.reference)),"
                    + "\"hypothesis\":\(jsonString(row.hypothesis)),\"words\":\(row.wordCount),"
                    + "\"errors\":\(row.errorCount),\"confidence\":\(Self.optional(row.confidence)),"
                    + "\"acousticMargin\":\(row.acousticMargin.map { String(format: "%.2f", $0) } ?? "null"),"
                    + "\"rejected\":\(row.isRejected)}"
            }
            console.print(
                "{\"context\":\(jsonString(contextName)),\"files\":\(evaluation.rows.count),"
                    + "\"wordErrorRate\":\(Self.rate(evaluation.wordErrorRate)),"
                    + "\"sentenceAccuracy\":\(Self.rate(evaluation.sentenceAccuracy)),"
                    + "\"rejected\":\(evaluation.rejectedCount),"
                    + "\"realTimeFactor\":\(String(format: "%.4f", evaluation.realTimeFactor)),"
                    + "\"decoderRealTimeFactor\":\(String(format: "%.4f", split.decoder)),"
                    + "\"phoneLoopRealTimeFactor\":\(String(format: "%.4f", split.phoneLoop)),"
                    + "\"rows\":[\(rows.joined(separator: ","))]}")
        } else {
            for row in evaluation.rows where row.errorCount > 0 {
                let rejected = row.isRejected ? " (rejected: not in context)" : ""
                console.print("\(row.path)\n  said:  \(row.reference)\n  heard: \(row.hypothesis)\(rejected)")
            }
            console.print(
                "\(evaluation.rows.count) files, context \(contextName): WER \(Self.rate(evaluation.wordErrorRate)), "
                    + "sentence accuracy \(Self.rate(evaluation.sentenceAccuracy)), "
                    + "\(evaluation.rejectedCount) rejected as not in context, "
                    + "\(String(format: "%.4f", evaluation.realTimeFactor)) CPU s per audio s (decoder "
                    + "\(String(format: "%.4f", split.decoder)), phone loop \(String(format: "%.4f", split.phoneLoop)))"
            )
        }
        return ExitStatus.success
    }

    /// pocketsphinx options given as one string, "-ds 2 -topn 2", split into pairs.
    static func decoderOptions(_ parsed: ParsedArguments, _ name: String) throws -> [String] {
        guard let text = parsed.options[name] else { return [] }
        let options = text.split(separator: " ").map(String.init)
        guard options.count % 2 == 0,
            stride(from: 0, to: options.count, by: 2).allSatisfy({ options[$0].hasPrefix("-") })
        else {
            throw UsageError("--\(name) takes pocketsphinx options as '-name value' pairs, not '\(text)'")
        }
        return options
    }

    static func rate(_ value: Double) -> String { String(format: "%.3f", value) }

    /// A confidence to three places, or `null`.
    static func optional(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "null" }
}

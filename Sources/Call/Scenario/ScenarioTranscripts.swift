import Foundation

/// The words behind each scenario recording, read from the `audio.tsv` that `tools/make-scenarios` writes beside
/// the scenario files: `path<TAB>voice<TAB>noise<TAB>effect<TAB>text`, paths relative to that folder, `#` lines
/// ignored.
///
/// Not real-time safe: reads a file. Replay only.
enum ScenarioTranscripts {
    /// The transcripts of the recordings listed in `folder/audio.tsv`, keyed by the recording's URL; empty when the
    /// folder has no such file or it cannot be read (the caller then cannot check read-backs, which is not an error).
    static func read(folder: URL) -> [URL: String] {
        let file = folder.appendingPathComponent("audio.tsv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        var transcripts: [URL: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 5, !fields[0].isEmpty else { continue }
            let url = folder.appendingPathComponent(String(fields[0])).standardizedFileURL
            transcripts[url] = String(fields[4])
        }
        return transcripts
    }
}

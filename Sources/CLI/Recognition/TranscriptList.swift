import Foundation

/// A TSV of `audio path<TAB>transcript` lines, paths relative to the list's folder: the shared corpora's
/// `transcripts.tsv` files and `tools/make-caller-corpus` output have this form. `#` lines and blank lines are
/// skipped.
enum TranscriptList {
    /// The entries, with paths made absolute.
    ///
    /// - Throws: `UsageError` when the list cannot be read, has a malformed line, or lists nothing.
    static func read(_ listPath: String) throws -> [(path: String, transcript: String)] {
        let listURL = URL(fileURLWithPath: listPath)
        guard let text = try? String(contentsOf: listURL, encoding: .utf8) else {
            throw UsageError("cannot read the transcript list '\(listPath)'")
        }
        var entries: [(path: String, transcript: String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else {
                throw UsageError("\(listPath):\(number + 1): expected 'audio path<TAB>transcript'")
            }
            let path = String(fields[0])
            entries.append(
                (
                    path.hasPrefix("/") ? path : listURL.deletingLastPathComponent().appendingPathComponent(path).path,
                    String(fields[1])
                ))
        }
        guard !entries.isEmpty else { throw UsageError("'\(listPath)' lists no audio") }
        return entries
    }
}

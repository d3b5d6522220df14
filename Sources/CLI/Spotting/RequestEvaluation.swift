import Foundation
import Recognition
import Spotting
import Understanding

/// `attendant eval request`: the caller's opening request read three ways on the same recordings, scored as intent
/// accuracy: the pocketsphinx `intent` context and the understanding layer (the baseline), the request-keyword head
/// alone, and `IntentFusion` of the two.
///
/// The set is a `tools/make-caller-corpus` manifest made from `tools/make-urgent-sentences` output, whose tenth
/// column is the labelled intent. The recognizer hears each recording as `attendant eval asr` does (no noise
/// suppression); the head hears it as `attendant eval kws`'s spotter does, after 1 s of quiet lead-in in 10 ms
/// blocks, and the urgent head runs on the same windows (for the head-alone reading, an urgent firing is
/// `emergency`).
///
/// Not real-time safe: control side; allocates per recording.
struct RequestEvaluation {
    /// One labelled recording.
    struct Item {
        var path: String
        /// `development`, `heldout`, …: the sentence id up to its last `-`.
        var set: String
        /// "voice snr".
        var group: String
        var text: String
        var intent: Intent
    }

    /// What the recognizer made of a recording (kept in the cache file).
    struct Recognition {
        var text: String
        var isRejected: Bool
        var confidence: Double?
    }

    /// One scored recording.
    struct Row {
        var item: Item
        var recognition: Recognition
        /// The understanding layer's intent for the hypothesis.
        var recognized: Intent
        /// Whether it found a request there (an `other` request is a message).
        var isRequest: Bool
        var reading: RequestSpotting.Reading?
        var isUrgentFired: Bool
    }

    var rows: [Row] = []
    var threshold: Float

    /// Reads a manifest.
    ///
    /// - Throws: `UsageError` when it cannot be read, is not a corpus manifest with an intent column, or lists
    ///   nothing.
    static func items(_ listPath: String) throws -> [Item] {
        let listURL = URL(fileURLWithPath: listPath)
        guard let text = try? String(contentsOf: listURL, encoding: .utf8) else {
            throw UsageError("cannot read the manifest '\(listPath)'")
        }
        let lines = text.split(separator: "\n")
        guard lines.first?.hasPrefix("path\tid\tvoice\tsplit\tsnr") ?? false else {
            throw UsageError("'\(listPath)' is not a tools/make-caller-corpus manifest")
        }
        var items: [Item] = []
        for (number, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > 9, let intent = Intent(rawValue: fields[9]) else {
                throw UsageError(
                    "\(listPath):\(number + 1): expected an intent in column 10 (tools/make-urgent-sentences writes it)"
                )
            }
            let path = fields[0]
            let id = fields[1]
            items.append(
                Item(
                    path: path.hasPrefix("/")
                        ? path : listURL.deletingLastPathComponent().appendingPathComponent(path).path,
                    set: id.split(separator: "-").dropLast().joined(separator: "-"), group: "\(fields[2]) \(fields[4])",
                    text: fields[7], intent: intent))
        }
        guard !items.isEmpty else { throw UsageError("'\(listPath)' lists no audio") }
        return items
    }

    /// Reads every item: the recognizer (or the cache), the understanding layer, the urgent head and the request
    /// head.
    ///
    /// - Parameters:
    ///   - cachePath: a file of recognizer results by file name: read when it exists, written when not.
    ///   - progress: called after each file with (done, total); every file counts twice, once decoded, once
    ///     through the heads.
    /// - Throws: a file that cannot be read fails the run with its name; recognizer and weight errors pass through.
    static func run(
        items: [Item], cachePath: String?, threshold: Float?, progress: (Int, Int) -> Void
    ) throws -> RequestEvaluation {
        // The recognizer first, over every file, and the cache written before the heads load: a long decoding is
        // kept even when a head is missing.
        var cached = try cachePath.map(Self.readCache) ?? [:]
        let names = items.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        if names.contains(where: { cached[$0] == nil }) {
            let recognizer = try Recognizer(context: .intent)
            for (index, item) in items.enumerated() where cached[names[index]] == nil {
                let result = try recognizer.recognize(try SpeechAudio.read(item.path))
                cached[names[index]] = Recognition(
                    text: TranscriptText.words(result.text).joined(separator: " "), isRejected: result.isRejected,
                    confidence: result.confidence)
                progress(index + 1, 2 * items.count)
            }
            if let cachePath { try Self.writeCache(cached, to: cachePath) }
        }
        let spotting = try RequestSpotting.shipped()
        let urgent = try UrgentSpotting(threshold: nil)
        let padding = UtteranceEmbedding()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let understander = Understander(doctors: ["Dr. Grant", "Dr. Patel", "Dr. Lee"], calendar: calendar)
        let now = Date(timeIntervalSince1970: 1_741_703_400)

        var evaluation = RequestEvaluation(threshold: threshold ?? spotting.head.threshold ?? 0.5)
        for (index, item) in items.enumerated() {
            let samples = try SpeechAudio.read(item.path)
            let recognition = cached[names[index]]!
            // One pass of the embedder feeds both heads, as in a call.
            var windows = TurnWindows()
            var isUrgentFired = false
            urgent.spotter.reset()
            padding.embed(samples, embedder: urgent.embedder) { embedding, endSeconds in
                if urgent.spotter.push(embedding).hasFired { isUrgentFired = true }
                windows.append(embedding, endTime: endSeconds)
            }
            let start = padding.leadingSeconds
            let end = start + Double(samples.count) / Double(SpeechEmbedder.sampleRate)
            let understanding = understander.understand(recognition.text, now: now)
            evaluation.rows.append(
                Row(
                    item: item, recognition: recognition, recognized: understanding.intent,
                    isRequest: understanding.isRequest,
                    reading: spotting.read(windows, speechStart: start, speechEnd: end), isUrgentFired: isUrgentFired))
            progress(items.count + index + 1, 2 * items.count)
        }
        return evaluation
    }

    /// The head alone: `emergency` when the urgent head fired, else its family at `threshold` or more (`other` for
    /// a request the dialogue answers that is no intent, such as the doctors list), else `other`.
    static func headIntent(_ row: Row, threshold: Float) -> Intent {
        if row.isUrgentFired { return .emergency }
        guard let reading = row.reading, reading.probability >= threshold else { return .other }
        return IntentFusion.intent(ofHeadClass: reading.family) ?? .other
    }

    /// The baseline with the urgent head beside it, as a call has it: `emergency` when the urgent head fired, else
    /// the understanding layer's intent.
    static func urgentBaselineIntent(_ row: Row) -> Intent {
        row.isUrgentFired ? .emergency : row.recognized
    }

    /// `IntentFusion` of the recognizer's reading and the request head's, with the urgent head beside them as in a
    /// call: `emergency` when it fired.
    static func fusedIntent(_ row: Row, fusion: IntentFusion) -> Intent {
        if row.isUrgentFired { return .emergency }
        return fusion.fuse(
            recognized: row.recognized, isRequest: row.isRequest, isRejected: row.recognition.isRejected,
            spotted: row.reading.flatMap { IntentFusion.intent(ofHeadClass: $0.family) },
            probability: row.reading?.probability ?? 0
        ).intent
    }

    static func readCache(_ path: String) throws -> [String: Recognition] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UsageError("cannot read the cache '\(path)'")
        }
        var cache: [String: Recognition] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { throw UsageError("'\(path)' is not a recognizer cache") }
            cache[fields[0]] = Recognition(text: fields[3], isRejected: fields[1] == "1", confidence: Double(fields[2]))
        }
        return cache
    }

    static func writeCache(_ cache: [String: Recognition], to path: String) throws {
        let lines = cache.keys.sorted().map { name -> String in
            let recognition = cache[name]!
            let confidence = recognition.confidence.map { String(format: "%.4f", $0) } ?? "-"
            return "\(name)\t\(recognition.isRejected ? 1 : 0)\t\(confidence)\t\(recognition.text)"
        }
        do {
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UsageError("cannot write the cache '\(path)': \(error.localizedDescription)")
        }
    }
}

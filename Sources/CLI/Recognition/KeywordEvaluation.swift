import Foundation
import Recognition

/// `attendant eval kws`: pocketsphinx's keyword search over labelled utterances, scored as an urgent-phrase
/// detector.
///
/// The set is either the `manifest.tsv` of `tools/make-caller-corpus` (path, id, voice, split, snr, noise, phone
/// path, text, then the extra columns; the first extra column, the ninth, is the urgent label, as
/// `tools/make-urgent-sentences` writes it) or a TSV of `audio path<TAB>urgent` lines. Urgent is `1`/`0` (or
/// `true`/`false`); paths are relative to the list.
struct KeywordEvaluation {
    /// One labelled utterance.
    struct Item {
        var path: String
        var isUrgent: Bool
        /// "voice snr" for a corpus manifest, "all" otherwise.
        var group: String
        var text: String
    }

    /// One searched utterance.
    struct Row {
        var item: Item
        var audioSeconds: Double
        /// The end of the speech: the audio's end less the corpus tool's trailing padding.
        var speechEndSeconds: Double
        var cpuSeconds: Double
        var detections: [KeywordDetection]

        var isDetected: Bool { !self.detections.isEmpty }

        /// Whether the first report came by the end of speech + 200 ms, the issue's deadline.
        var isInTime: Bool {
            guard let first = self.detections.map(\.reportedSeconds).min() else { return false }
            return first <= self.speechEndSeconds + 0.2
        }
    }

    /// Sums over a group of rows.
    struct Score {
        var urgentCount = 0
        var detectedCount = 0
        var inTimeCount = 0
        var otherCount = 0
        var falseAlarmUtteranceCount = 0
        var falseAlarmCount = 0
        var otherAudioSeconds = 0.0
        var audioSeconds = 0.0
        var cpuSeconds = 0.0

        init(_ rows: [Row]) {
            for row in rows {
                self.audioSeconds += row.audioSeconds
                self.cpuSeconds += row.cpuSeconds
                if row.item.isUrgent {
                    self.urgentCount += 1
                    self.detectedCount += row.isDetected ? 1 : 0
                    self.inTimeCount += row.isInTime ? 1 : 0
                } else {
                    self.otherCount += 1
                    self.otherAudioSeconds += row.audioSeconds
                    self.falseAlarmUtteranceCount += row.isDetected ? 1 : 0
                    self.falseAlarmCount += row.detections.count
                }
            }
        }

        var recall: Double { self.urgentCount > 0 ? Double(self.detectedCount) / Double(self.urgentCount) : 0 }
        var falseAlarmRate: Double {
            self.otherCount > 0 ? Double(self.falseAlarmUtteranceCount) / Double(self.otherCount) : 0
        }
        var falseAlarmsPerHour: Double {
            self.otherAudioSeconds > 0 ? Double(self.falseAlarmCount) * 3600 / self.otherAudioSeconds : 0
        }
        var realTimeFactor: Double { self.audioSeconds > 0 ? self.cpuSeconds / self.audioSeconds : 0 }
    }

    var keyphrases: [Keyphrase]
    var rows: [Row] = []

    /// Reads a set: a corpus manifest or an `audio<TAB>urgent` list.
    ///
    /// - Throws: `UsageError` when the list cannot be read, has a malformed line, or lists nothing.
    static func items(_ listPath: String) throws -> [Item] {
        let listURL = URL(fileURLWithPath: listPath)
        guard let text = try? String(contentsOf: listURL, encoding: .utf8) else {
            throw UsageError("cannot read the urgent list '\(listPath)'")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let isManifest = lines.first?.hasPrefix("path\tid\tvoice\tsplit\tsnr") ?? false
        var items: [Item] = []
        for (number, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || (isManifest && number == 0) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let labelIndex = isManifest ? 8 : 1
            guard fields.count > labelIndex, let isUrgent = Self.label(fields[labelIndex]) else {
                throw UsageError(
                    "\(listPath):\(number + 1): expected "
                        + (isManifest
                            ? "a manifest line with the urgent label (1 or 0) in column 9"
                            : "'audio path<TAB>urgent (1 or 0)'"))
            }
            let path = fields[0]
            items.append(
                Item(
                    path: path.hasPrefix("/")
                        ? path : listURL.deletingLastPathComponent().appendingPathComponent(path).path,
                    isUrgent: isUrgent, group: isManifest ? "\(fields[2]) \(fields[4])" : "all",
                    text: isManifest ? fields[7] : ""))
        }
        guard !items.isEmpty else { throw UsageError("'\(listPath)' lists no audio") }
        return items
    }

    static func label(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        default: return nil
        }
    }

    /// Runs any urgent-phrase detector over every item: `detect` gets a file's 16 kHz samples and returns its
    /// detections, and its thread CPU time is the row's cost.
    ///
    /// - Parameters:
    ///   - keyphrases: what the detector listens for, for the per-phrase counts (empty for the spotter).
    ///   - trailingPadSeconds: silence after the speech in each file (`tools/make-caller-corpus` pads 0.15 s).
    ///   - progress: called after each file with (done, total).
    /// - Throws: a file that cannot be read fails the run with its name; `detect`'s errors pass through.
    static func run(
        items: [Item], keyphrases: [Keyphrase], trailingPadSeconds: Double, progress: (Int, Int) -> Void,
        detect: ([Int16]) throws -> [KeywordDetection]
    ) throws -> KeywordEvaluation {
        var evaluation = KeywordEvaluation(keyphrases: keyphrases)
        for (index, item) in items.enumerated() {
            let samples = try SpeechAudio.read(item.path)
            let start = threadCPUSeconds()
            let detections = try detect(samples)
            let cpuSeconds = threadCPUSeconds() - start
            let audioSeconds = Double(samples.count) / Double(KeywordSearch.sampleRate)
            evaluation.rows.append(
                Row(
                    item: item, audioSeconds: audioSeconds,
                    speechEndSeconds: max(audioSeconds - trailingPadSeconds, 0), cpuSeconds: cpuSeconds,
                    detections: detections))
            progress(index + 1, items.count)
        }
        return evaluation
    }

    /// The groups in the order first seen.
    var groups: [String] {
        var seen: [String] = []
        for row in self.rows where !seen.contains(row.item.group) { seen.append(row.item.group) }
        return seen
    }

    /// Per keyphrase: utterances it was detected in, urgent and not.
    var phraseCounts: [(phrase: String, urgent: Int, other: Int)] {
        self.keyphrases.map { keyphrase in
            let hits = self.rows.filter { $0.detections.contains { $0.phrase == keyphrase.text } }
            return (keyphrase.text, hits.filter(\.item.isUrgent).count, hits.filter { !$0.item.isUrgent }.count)
        }
    }
}

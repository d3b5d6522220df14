/// Speech spans from an Audacity label file (`.lab`), the form the shared VAD corpora use.
///
/// Each line is `start<TAB>end<TAB>name` with times in seconds; a line named `speech` is a speech span and any other
/// name (`silence`) is not. Blank lines are skipped. Frames are scored on a 10 ms grid: a block is labelled speech
/// when its centre lies inside a speech span.
///
/// Not real-time safe: control thread only.
public struct SpeechLabels: Hashable, Sendable {
    /// Speech spans in seconds, in file order.
    public var speechSpans: [Range<Double>]

    /// The latest end time of any line, speech or not.
    public var endSeconds: Double

    /// Whether the file also lists its non-speech spans, so that it covers the whole recording.
    public var coversWholeRecording: Bool

    /// Parses label text.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The file's path, for error messages.
    /// - Throws: `SpeechLabelError` for a line that is not `start end name` with `0 ≤ start ≤ end`, or no lines.
    public init(parsing text: String, path: String) throws(SpeechLabelError) {
        self.speechSpans = []
        self.endSeconds = 0
        self.coversWholeRecording = false
        var lineCount = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count >= 3, let start = Double(fields[0]), let end = Double(fields[1]), start >= 0,
                end >= start
            else {
                throw .malformedLine(path: path, lineNumber: index + 1, line: String(line))
            }
            lineCount += 1
            self.endSeconds = max(self.endSeconds, end)
            if fields[2] == "speech" {
                self.speechSpans.append(start..<end)
            } else {
                self.coversWholeRecording = true
            }
        }
        guard lineCount > 0 else { throw .empty(path: path) }
    }

    /// Makes labels from spans, for tests and synthetic signals.
    public init(speechSpans: [Range<Double>], endSeconds: Double) {
        self.speechSpans = speechSpans
        self.endSeconds = endSeconds
        self.coversWholeRecording = true
    }

    /// One label per block of `blockSeconds`: whether the block's centre lies in a speech span.
    ///
    /// - Complexity: O(`blockCount` + spans).
    public func blockLabels(blockCount: Int, blockSeconds: Double = 0.01) -> [Bool] {
        var labels = [Bool](repeating: false, count: blockCount)
        for span in self.speechSpans {
            let first = max(0, Int((span.lowerBound / blockSeconds - 0.5).rounded(.up)))
            var block = first
            while block < blockCount, (Double(block) + 0.5) * blockSeconds < span.upperBound {
                labels[block] = true
                block += 1
            }
        }
        return labels
    }

    /// Checks that the labels fit a recording of `durationSeconds`.
    ///
    /// Labels may not run more than 50 ms past the audio, and labels that cover the whole recording must end
    /// within 100 ms of its end.
    ///
    /// - Throws: `SpeechLabelError.lengthMismatch`.
    public func validate(durationSeconds: Double, path: String, audioPath: String) throws(SpeechLabelError) {
        let tooLong = self.endSeconds > durationSeconds + 0.05
        let tooShort = self.coversWholeRecording && self.endSeconds < durationSeconds - 0.1
        if tooLong || tooShort {
            throw .lengthMismatch(
                path: path, labelSeconds: self.endSeconds, audioPath: audioPath, audioSeconds: durationSeconds)
        }
    }
}

/// Why a label file cannot be used.
public enum SpeechLabelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A line is not `start<TAB>end<TAB>name` with 0 ≤ start ≤ end.
    case malformedLine(path: String, lineNumber: Int, line: String)

    /// The file holds no label lines.
    case empty(path: String)

    /// The labels do not fit the audio's length.
    case lengthMismatch(path: String, labelSeconds: Double, audioPath: String, audioSeconds: Double)

    public var description: String {
        switch self {
        case .malformedLine(let path, let lineNumber, let line):
            return "\(path):\(lineNumber): not a label line: '\(line)'; expected 'start<TAB>end<TAB>speech|silence'"
                + " with times in seconds"
        case .empty(let path):
            return "\(path): no labels; expected Audacity label lines 'start<TAB>end<TAB>speech|silence'"
        case .lengthMismatch(let path, let labelSeconds, let audioPath, let audioSeconds):
            let labels = (labelSeconds * 1000).rounded() / 1000
            let audio = (audioSeconds * 1000).rounded() / 1000
            return "\(path): the labels end at \(labels) s but \(audioPath) lasts \(audio) s;"
                + " give the label file made for this recording"
        }
    }
}

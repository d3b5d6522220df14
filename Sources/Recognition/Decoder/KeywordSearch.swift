import Foundation

/// pocketsphinx's keyword search over a stream: the urgent-phrase baseline the embedding spotter is compared
/// with. Feed 16 kHz samples as they arrive; each call returns the phrases detected since the last.
///
/// The search (`-kws`) runs a phone loop beside one HMM chain per phrase and reports a phrase when its chain's
/// score beats the loop's by more than the phrase's threshold. Its times are on the stream's clock (silence
/// removal is off), so a detection's `endSeconds` is where the phrase ended in the audio, and `reportedSeconds`
/// is how much audio had been fed when the search confirmed it (pocketsphinx holds a detection back for
/// `-kws_delay`, 10 frames, to keep the best of overlapping ones).
///
/// Not real-time safe: a recognition worker thread only (pocketsphinx allocates as it decodes). One thread at a
/// time.
///
/// `@unchecked Sendable`: a search has one owner at a time; its decoder is never touched by two threads at once.
public final class KeywordSearch: @unchecked Sendable {
    /// The sample rate the search takes.
    public static let sampleRate = 16000

    /// The phrases listened for, each with its threshold.
    public let keyphrases: [Keyphrase]

    private let decoder: PocketSphinxDecoder
    private var isInStream = false
    private var processedSampleCount = 0
    private var reported: [KeywordDetection] = []
    /// The keyword search numbers its frames across utterances (its frame counter is not reset by a new one), so
    /// a stream's times are its frames less those of the streams before it.
    private var earlierFrameCount = 0

    /// Loads the acoustic model with a keyphrase file and a dictionary of just the phrases' words.
    ///
    /// Not real-time safe: control thread only; takes tens of milliseconds.
    ///
    /// - Parameter keyphrases: the phrases and thresholds; by default `UrgentKeyphrases.spoken` under
    ///   `KeywordThresholdRule.tuned`.
    /// - Throws: `RecognitionError.modelMissing` without the model, `.unknownWords` for a phrase word the
    ///   dictionary lacks, `.decoderFailed` when pocketsphinx refuses the phrases.
    public init(keyphrases phrases: [Keyphrase]? = nil) throws(RecognitionError) {
        guard PocketSphinxLibrary.isModelInstalled else {
            throw .modelMissing(path: PocketSphinxLibrary.modelDirectory)
        }
        let keyphrases: [Keyphrase]
        if let given = phrases {
            keyphrases = given
        } else {
            keyphrases = try Keyphrase.list(UrgentKeyphrases.spoken, rule: .tuned)
        }
        guard !keyphrases.isEmpty else { throw .decoderFailed("a keyword search needs at least one phrase") }
        self.keyphrases = keyphrases
        let words = Set(keyphrases.flatMap { $0.text.split(separator: " ").map(String.init) })
        let dictionary = try PronunciationDictionary.file(for: words, context: "kws")
        self.decoder = try PocketSphinxDecoder(
            dictionaryPath: dictionary, search: .keyphrases(path: try Self.keyphraseFile(keyphrases)))
    }

    /// Starts a new stream: times count from here, and earlier detections are forgotten.
    ///
    /// Not real-time safe: a recognition worker thread only (pocketsphinx allocates).
    ///
    /// - Throws: `RecognitionError.decoderFailed` when pocketsphinx cannot start an utterance.
    public func start() throws(RecognitionError) {
        if self.isInStream {
            _ = self.decoder.end()
            self.earlierFrameCount += self.decoder.frameCount
        }
        guard self.decoder.start() else { throw .decoderFailed("pocketsphinx could not start an utterance") }
        self.isInStream = true
        self.processedSampleCount = 0
        self.reported = []
    }

    /// Searches more of the stream: 16 kHz mono samples, any count.
    ///
    /// Not real-time safe: a recognition worker thread only (pocketsphinx allocates).
    ///
    /// - Returns: the phrases detected since the last call, oldest first.
    /// - Throws: `RecognitionError.decoderFailed` outside a stream or when pocketsphinx fails.
    public func process(_ samples: UnsafeBufferPointer<Int16>) throws(RecognitionError) -> [KeywordDetection] {
        guard self.isInStream else { throw .decoderFailed("process called outside a stream; call start first") }
        guard self.decoder.process(samples) else { throw .decoderFailed("pocketsphinx failed while searching") }
        self.processedSampleCount += samples.count
        return self.newDetections()
    }

    /// Ends the stream.
    ///
    /// Not real-time safe: a recognition worker thread only (pocketsphinx allocates).
    ///
    /// - Returns: detections confirmed by the end that no earlier call returned.
    /// - Throws: `RecognitionError.decoderFailed` outside a stream or when pocketsphinx fails.
    public func finish() throws(RecognitionError) -> [KeywordDetection] {
        guard self.isInStream else { throw .decoderFailed("finish called outside a stream; call start first") }
        self.isInStream = false
        guard self.decoder.end() else { throw .decoderFailed("pocketsphinx could not end the utterance") }
        let found = self.newDetections()
        self.earlierFrameCount += self.decoder.frameCount
        return found
    }

    /// Every detection in a whole recording, fed in blocks as a call would feed them.
    ///
    /// Not real-time safe: a recognition worker thread only (pocketsphinx allocates).
    ///
    /// - Parameters:
    ///   - samples: 16 kHz mono; empty or silent audio gives no detection.
    ///   - blockFrameCount: samples per block (default 320, the graph's 20 ms block), which bounds how late
    ///     `reportedSeconds` can be.
    /// - Throws: `RecognitionError.decoderFailed` when pocketsphinx fails.
    public func detections(
        in samples: [Int16], blockFrameCount: Int = 320
    ) throws(RecognitionError) -> [KeywordDetection] {
        try self.start()
        var found: [KeywordDetection] = []
        var start = 0
        while start < samples.count {
            let end = min(start + max(blockFrameCount, 1), samples.count)
            let block = try samples.withUnsafeBufferPointer { (buffer) throws(RecognitionError) in
                try self.process(UnsafeBufferPointer(rebasing: buffer[start..<end]))
            }
            found += block
            start = end
        }
        return found + (try self.finish())
    }

    /// The detections pocketsphinx has confirmed that were not returned yet. The search keeps the best of
    /// overlapping detections of one phrase and may move its frames; a phrase overlapping one already returned
    /// is the same detection.
    private func newDetections() -> [KeywordDetection] {
        let reportedSeconds = Double(self.processedSampleCount) / Double(Self.sampleRate)
        var found: [KeywordDetection] = []
        for segment in self.decoder.segments().reversed() {
            // pocketsphinx ends a keyphrase's name with a space.
            let detection = KeywordDetection(
                phrase: segment.word.trimmingCharacters(in: .whitespaces),
                startSeconds: Double(segment.startFrame - self.earlierFrameCount) / 100,
                endSeconds: Double(segment.endFrame + 1 - self.earlierFrameCount) / 100,
                reportedSeconds: reportedSeconds,
                score: Int(segment.logProbability))
            let isKnown = (self.reported + found).contains { earlier in
                earlier.phrase == detection.phrase && earlier.startSeconds < detection.endSeconds
                    && detection.startSeconds < earlier.endSeconds
            }
            if !isKnown { found.append(detection) }
        }
        self.reported += found
        return found
    }

    /// Writes the keyphrase file (`phrase /threshold/` a line) to a cache file named by its content.
    private static func keyphraseFile(_ keyphrases: [Keyphrase]) throws(RecognitionError) -> String {
        let text = keyphrases.map { "\($0.text) /\(String(format: "%.4e", $0.threshold))/" }.joined(separator: "\n")
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-kws-\(String(hash, radix: 16)).txt")
        if !FileManager.default.fileExists(atPath: url.path) {
            do {
                try Data((text + "\n").utf8).write(to: url, options: .atomic)
            } catch {
                throw .decoderFailed("cannot write the keyphrase file to \(url.path): \(error)")
            }
        }
        return url.path
    }
}

/// A phrase the keyword search listens for.
public struct Keyphrase: Hashable, Sendable {
    /// The words, lower case, as the dictionary spells them.
    public var text: String
    /// The phones of its first pronunciation, which the threshold rule scales with.
    public var phoneCount: Int
    /// How much worse than the phone loop the phrase's path may score and still be detected: `10^−exponent`.
    public var thresholdExponent: Double

    /// pocketsphinx's threshold, a probability ratio.
    public var threshold: Double { pow(10, -self.thresholdExponent) }

    public init(text: String, phoneCount: Int, thresholdExponent: Double) {
        self.text = text
        self.phoneCount = phoneCount
        self.thresholdExponent = thresholdExponent
    }

    /// Keyphrases for written phrases (spelled as `SpokenText` spells them), thresholds by `rule`.
    ///
    /// Not real-time safe: control thread only; loads the CMU dictionary on first use.
    ///
    /// - Throws: `RecognitionError.unknownWords` for a word the dictionary lacks, `.modelMissing` without it.
    public static func list(_ phrases: [String], rule: KeywordThresholdRule) throws(RecognitionError) -> [Keyphrase] {
        var result: [Keyphrase] = []
        for phrase in phrases {
            let words = SpokenText.words(phrase)
            guard !words.isEmpty else { continue }
            var phoneCount = 0
            for word in words {
                let lines = try PronunciationDictionary.lines(for: [word], context: "kws")
                let base = lines.first { $0.hasPrefix(word + " ") } ?? lines.first ?? ""
                phoneCount += base.split(separator: " ").count - 1
            }
            result.append(
                Keyphrase(
                    text: words.joined(separator: " "), phoneCount: phoneCount,
                    thresholdExponent: rule.exponent(phoneCount: phoneCount)))
        }
        return result
    }
}

/// How a keyphrase's threshold follows its length: `10^−(offset + perPhone · phones)`. A phrase's score is a sum
/// over its frames of how much worse it fits than free phones, so a longer phrase needs a looser threshold.
public struct KeywordThresholdRule: Hashable, Sendable {
    public var offset: Double
    public var perPhone: Double

    public init(offset: Double, perPhone: Double) {
        self.offset = offset
        self.perPhone = perPhone
    }

    /// The exponent for a phrase of `phoneCount` phones.
    public func exponent(phoneCount: Int) -> Double { self.offset + self.perPhone * Double(phoneCount) }

    /// The rule chosen on the tuning voices only (flite slt, rms, kal16, espeak-ng m1, f2; the understanding
    /// tuning sentences, clean and at 10 dB): the highest urgent recall, 0.316, with false alarms on at most 5 %
    /// of the non-urgent utterances (0.040), by `tools/tune-kws-thresholds` over one permissive run (see the
    /// README). Short phrases get relatively stricter thresholds (the negative offset): they fit chance stretches
    /// of other speech more easily.
    public static let tuned = KeywordThresholdRule(offset: -20, perPhone: 5)
}

/// One phrase the keyword search heard.
public struct KeywordDetection: Hashable, Sendable {
    /// The keyphrase, as listed.
    public var phrase: String
    /// Where the phrase started and ended, seconds from the start of the stream (from its frames, 100 a second).
    public var startSeconds: Double
    public var endSeconds: Double
    /// How much of the stream had been fed when the search reported it: the detection's latency is this minus
    /// `endSeconds`.
    public var reportedSeconds: Double
    /// The phrase's score against the phone loop (pocketsphinx's scaled log units; higher is surer).
    public var score: Int

    public init(phrase: String, startSeconds: Double, endSeconds: Double, reportedSeconds: Double, score: Int) {
        self.phrase = phrase
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.reportedSeconds = reportedSeconds
        self.score = score
    }
}

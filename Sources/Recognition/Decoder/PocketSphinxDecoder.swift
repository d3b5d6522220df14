import CPocketSphinx
import Foundation

/// One pocketsphinx decoder: the only file that calls into pocketsphinx's decoding API.
///
/// Not real-time safe: a recognition worker thread only. pocketsphinx allocates while it decodes, so audio
/// reaches it through a ring buffer from the audio thread, never directly. One thread at a time.
///
/// `@unchecked Sendable`: the decoder has one owner at a time (a call borrows it for a turn); its C state is
/// never touched by two threads at once.
final class PocketSphinxDecoder: @unchecked Sendable {
    private let decoder: OpaquePointer
    private let config: OpaquePointer

    /// Held while a decoder is made; see `init`.
    private static let creationLock = NSLock()

    /// pocketsphinx's word insertion probability. Its default, 0.65, inserts words into every other digit
    /// string; chosen on synthetic digit strings from the tuning voices of `tools/make-caller-corpus` (WER 0.688 at
    /// the default, 0.551 at 1e-2, 0.562 at 1e-3, 0.605 at 1e-4), never on the real recordings reported against.
    static let wordInsertionPenalty = "1e-2"

    /// The phone loop's settings, chosen on the tuning voices for cost and separation (see the README): context-
    /// independent phones, every third frame (`-ds 3`), narrow beams and one Gaussian per codebook bring a
    /// recognizer with its phone loop to about 1.7 times the cost of the recognizer alone, against 3.3 times at
    /// pocketsphinx's defaults; a light phone language model weight (1 against 6.5) makes its path score nearly
    /// acoustic, which separated in-context from out-of-context speech better (area under the ROC curve 0.84
    /// against 0.82 for digits, 0.75 against 0.63 for yes/no, on half the tuning corpus).
    static let phoneLoopOptions = [
        "-allphone_ci", "yes", "-lw", "1", "-ds", "3", "-beam", "1e-10", "-pbeam", "1e-10", "-topn", "1",
    ]

    /// What the decoder searches: a JSGF grammar, the full statistical language model, a phone loop (any
    /// sequence of phones under a phone language model: the yardstick a confidence compares a hypothesis with),
    /// or a keyphrase file (pocketsphinx's keyword search, `-kws`: one phrase a line with its `/threshold/`).
    enum Search {
        case grammar(name: String, jsgf: String)
        case languageModel(path: String)
        case phoneLoop(path: String)
        case keyphrases(path: String)
    }

    /// Loads the acoustic model and `dictionaryPath`, and activates `search`.
    ///
    /// - Parameter extraOptions: further "-name", "value" pairs, after (so overriding) the defaults: decoder
    ///   settings under evaluation (`attendant eval asr --decoder-options`) and each context's own.
    /// - Throws: `RecognitionError.decoderFailed` when pocketsphinx refuses the model, the dictionary or the
    ///   grammar.
    init(dictionaryPath: String, search: Search, extraOptions: [String] = []) throws(RecognitionError) {
        // Making decoders is serialized: `-logfn` sets sphinxbase's process-wide log file, which two decoders
        // made at once would open and close under each other. Decoding itself needs no lock (four threads
        // decoding the same audio on their own decoders gave identical results).
        Self.creationLock.lock()
        defer { Self.creationLock.unlock() }
        var options = [
            "-hmm", PocketSphinxLibrary.acousticModelPath, "-dict", dictionaryPath, "-samprate", "16000",
            "-logfn", "/dev/null", "-bestpath", "yes", "-wip", Self.wordInsertionPenalty,
        ]
        switch search {
        case .languageModel(let path):
            options += ["-lm", path]
        case .phoneLoop(let path):
            options += Self.phoneLoopOptions + ["-allphone", path]
        case .keyphrases(let path):
            // Frames stay on the stream's clock: with pocketsphinx's silence removal (on by default) the frame
            // numbers of a detection skip the silent stretches, and its times would drift early.
            options += ["-kws", path, "-remove_silence", "no"]
        case .grammar:
            break
        }
        options = Self.merged(options + extraOptions)
        guard let config = PocketSphinxLibrary.makeConfiguration(options) else {
            throw .decoderFailed("pocketsphinx refused its configuration")
        }
        guard let decoder = ps_init(config) else {
            cmd_ln_free_r(config)
            throw .decoderFailed(
                "pocketsphinx could not load the model at \(PocketSphinxLibrary.acousticModelPath) with \(dictionaryPath)"
            )
        }
        if case .grammar(let name, let jsgf) = search {
            guard ps_set_jsgf_string(decoder, name, jsgf) == 0, ps_set_search(decoder, name) == 0 else {
                ps_free(decoder)
                cmd_ln_free_r(config)
                throw .decoderFailed("pocketsphinx refused the grammar '\(name)'")
            }
        }
        self.decoder = decoder
        self.config = config
    }

    /// "-name", "value" pairs with each name once, its last value winning: pocketsphinx parses strictly and
    /// refuses a name given twice.
    static func merged(_ options: [String]) -> [String] {
        var names: [String] = []
        var values: [String: String] = [:]
        for index in stride(from: 0, to: options.count - 1, by: 2) {
            if values[options[index]] == nil { names.append(options[index]) }
            values[options[index]] = options[index + 1]
        }
        return names.flatMap { [$0, values[$0]!] }
    }

    deinit {
        ps_free(self.decoder)
        cmd_ln_free_r(self.config)
    }

    /// The cepstral mean the decoder subtracts from each frame: pocketsphinx's live CMN, which it moves toward each
    /// utterance's own mean as it ends, so that it carries the channel and the voice of the utterances before.
    var cepstralMean: [Float] {
        get {
            guard let cmn = ps_get_feat(self.decoder)?.pointee.cmn_struct?.pointee, let mean = cmn.cmn_mean else {
                return []
            }
            return Array(UnsafeBufferPointer(start: mean, count: Int(cmn.veclen)))
        }
        set {
            guard let cmn = ps_get_feat(self.decoder)?.pointee.cmn_struct,
                Int(cmn.pointee.veclen) == newValue.count
            else { return }
            newValue.withUnsafeBufferPointer { cmn_live_set(cmn, $0.baseAddress) }
        }
    }

    /// Starts a new utterance, forgetting the last.
    func start() -> Bool {
        ps_start_utt(self.decoder) == 0
    }

    /// Decodes 16 kHz 16-bit mono samples of the current utterance.
    func process(_ samples: UnsafeBufferPointer<Int16>) -> Bool {
        guard let base = samples.baseAddress, !samples.isEmpty else { return true }
        return ps_process_raw(self.decoder, base, samples.count, 0, 0) >= 0
    }

    /// Ends the utterance: the final search over everything processed.
    func end() -> Bool {
        ps_end_utt(self.decoder) == 0
    }

    /// The current best hypothesis (partial while decoding, final after `end()`), or `nil` when there is none.
    func hypothesis() -> (text: String, score: Int32)? {
        var score: Int32 = 0
        guard let text = ps_get_hyp(self.decoder, &score) else { return nil }
        return (String(cString: text), score)
    }

    /// The words of the final hypothesis with their frames (100 per second), fillers and silences included.
    func segments() -> [(word: String, startFrame: Int, endFrame: Int, logProbability: Int32)] {
        var result: [(String, Int, Int, Int32)] = []
        var segment = ps_seg_iter(self.decoder)
        while let current = segment {
            var startFrame: Int32 = 0
            var endFrame: Int32 = 0
            ps_seg_frames(current, &startFrame, &endFrame)
            var acoustic: Int32 = 0
            var language: Int32 = 0
            var backoff: Int32 = 0
            let probability = ps_seg_prob(current, &acoustic, &language, &backoff)
            if let word = ps_seg_word(current) {
                result.append((String(cString: word), Int(startFrame), Int(endFrame), probability))
            }
            segment = ps_seg_next(current)
        }
        return result
    }

    /// The acoustic score of the final hypothesis (log base 1.0001, summed over every segment, silences and
    /// fillers included), and the frames it covers; `nil` when there is no hypothesis.
    func acousticScore() -> (score: Int64, frameCount: Int)? {
        var total: Int64 = 0
        var frameCount = 0
        var segment = ps_seg_iter(self.decoder)
        guard segment != nil else { return nil }
        while let current = segment {
            var startFrame: Int32 = 0
            var endFrame: Int32 = 0
            ps_seg_frames(current, &startFrame, &endFrame)
            var acoustic: Int32 = 0
            var language: Int32 = 0
            var backoff: Int32 = 0
            _ = ps_seg_prob(current, &acoustic, &language, &backoff)
            total += Int64(acoustic)
            frameCount += Int(endFrame - startFrame + 1)
            segment = ps_seg_next(current)
        }
        return (total, frameCount)
    }

    /// Frames (100 per second) of speech decoded in the current utterance, after pocketsphinx's silence removal.
    var frameCount: Int { Int(ps_get_n_frames(self.decoder)) }

    /// Whether pocketsphinx's own voice detector hears speech in the current utterance.
    var isInSpeech: Bool { ps_get_in_speech(self.decoder) != 0 }
}

import Foundation

/// A streaming recognizer for one context: feed a turn's 16 kHz speech while the caller talks, read partial
/// hypotheses, and get the result within milliseconds of the end of the turn.
///
/// Not real-time safe: a recognition worker thread only (pocketsphinx allocates as it decodes); the audio thread
/// hands it samples through a ring buffer. One thread at a time.
///
/// `@unchecked Sendable`: a recognizer has one owner at a time; a call borrows it for a turn.
public final class Recognizer: @unchecked Sendable {
    /// The sample rate the recognizer takes.
    public static let sampleRate = 16000

    /// The context whose grammar this recognizer decodes.
    public let context: RecognitionContext

    /// The confidence below which a turn is rejected as not in this context ("I didn't catch that"). The
    /// default, 0.5, is where the logistic's two classes of the tuning data are equally likely.
    public var rejectionThreshold = Recognizer.defaultRejectionThreshold

    /// The rejection threshold a recognizer starts with.
    public static let defaultRejectionThreshold = 0.5

    private let decoder: PocketSphinxDecoder
    /// A phone loop decoding the same audio, the yardstick of the confidence; `nil` for `open`.
    private let phoneLoop: PocketSphinxDecoder?
    /// The channel state as made, for `reset`: a new borrower starts from no one's line.
    private var initialChannelState = ChannelState(decoderMean: [], phoneLoopMean: nil)
    private var isInTurn = false
    private var processedFrameCount = 0

    /// Thread CPU seconds this recognizer's context decoder and its phone loop have spent decoding since it was
    /// made (`process` and `finishTurn`), to tell where a turn's cost goes. Read it on the recognizer's thread.
    public private(set) var decodingCPUSeconds: (decoder: Double, phoneLoop: Double) = (0, 0)

    /// The names the `name` context was built from (`RecognitionContext.defaultNames` unless given); empty for
    /// the other contexts.
    public let names: [String]

    /// Whether the `name` context also hears the common given and family names (`CommonNames`), for callers
    /// who are not yet patients; `false` for the other contexts.
    public let includesCommonNames: Bool

    /// Loads the model with the context's grammar and its own small dictionary.
    ///
    /// Not real-time safe: control thread only; takes tens of milliseconds.
    ///
    /// - Parameters:
    ///   - names: for the `name` context, the names it hears (doctors and patients, `["Grant", "Maria
    ///     Gonzalez"]`); words the dictionary lacks get guessed pronunciations. Ignored by the other contexts.
    ///   - includesCommonNames: for the `name` context, also hear any common given name with any common family
    ///     name (`RecognitionContext.nameGrammar(names:includesCommonNames:)`), for registering a new patient.
    ///     Ignored by the other contexts.
    ///   - decoderOptions: pocketsphinx options ("-name", "value" pairs) over the context's own
    ///     (`RecognitionContext.decoderOptions`) for its decoder; for measuring settings (`attendant eval asr
    ///     --decoder-options`). Empty in the product.
    ///   - phoneLoopOptions: the same for the phone loop, over `PocketSphinxDecoder.phoneLoopOptions`.
    /// - Throws: `RecognitionError` when the model is missing or pocketsphinx refuses the grammar or an option.
    public init(
        context: RecognitionContext, names: [String] = RecognitionContext.defaultNames,
        includesCommonNames: Bool = false, decoderOptions: [String] = [], phoneLoopOptions: [String] = []
    ) throws(RecognitionError) {
        guard PocketSphinxLibrary.isModelInstalled else {
            throw .modelMissing(path: PocketSphinxLibrary.modelDirectory)
        }
        self.context = context
        self.names = context == .name ? names : []
        self.includesCommonNames = context == .name && includesCommonNames
        let decoderOptions = context.decoderOptions + decoderOptions
        if let grammar = context.grammar(names: names, includesCommonNames: self.includesCommonNames) {
            let dictionary = try PronunciationDictionary.file(
                for: grammar.words, context: context.rawValue, isGuessingUnknown: context == .name)
            self.decoder = try PocketSphinxDecoder(
                dictionaryPath: dictionary, search: .grammar(name: grammar.name, jsgf: grammar.jsgf),
                extraOptions: decoderOptions)
        } else if let sentences = context.trainingSentences {
            // Sentences with a word the dictionary lacks are left out rather than failing the context.
            let known = try PronunciationDictionary.knownWords(in: Set(sentences.flatMap { $0 }))
            let model = NGramLanguageModel(sentences: sentences.filter { $0.allSatisfy(known.contains) })
            let dictionary = try PronunciationDictionary.file(for: model.words, context: context.rawValue)
            self.decoder = try PocketSphinxDecoder(
                dictionaryPath: dictionary, search: .languageModel(path: try model.file(context: context.rawValue)),
                extraOptions: decoderOptions)
        } else {
            self.decoder = try PocketSphinxDecoder(
                dictionaryPath: PocketSphinxLibrary.dictionaryPath,
                search: .languageModel(path: PocketSphinxLibrary.languageModelPath), extraOptions: decoderOptions)
        }
        if context == .open {
            self.phoneLoop = nil
        } else {
            let dictionary = try PronunciationDictionary.file(for: ["yes"], context: "phoneloop")
            self.phoneLoop = try PocketSphinxDecoder(
                dictionaryPath: dictionary, search: .phoneLoop(path: PocketSphinxLibrary.phoneLanguageModelPath),
                extraOptions: phoneLoopOptions)
        }
        self.initialChannelState = ChannelState(
            decoderMean: self.decoder.cepstralMean, phoneLoopMean: self.phoneLoop?.cepstralMean)
    }

    /// What the recognizer has learnt of the line it heard: each decoder's cepstral mean (`PocketSphinxDecoder`).
    /// A call that borrows pooled recognizers turn by turn carries its own from turn to turn, as a recognizer of its
    /// own would, instead of inheriting the last borrower's caller and line.
    public struct ChannelState: Sendable, Hashable {
        var decoderMean: [Float]
        var phoneLoopMean: [Float]?
    }

    /// The channel state now.
    public var channelState: ChannelState {
        get { ChannelState(decoderMean: self.decoder.cepstralMean, phoneLoopMean: self.phoneLoop?.cepstralMean) }
        set {
            self.decoder.cepstralMean = newValue.decoderMean
            if let mean = newValue.phoneLoopMean { self.phoneLoop?.cepstralMean = mean }
        }
    }

    /// Starts a new turn, discarding anything of the last.
    ///
    /// - Throws: `RecognitionError.decoderFailed` when pocketsphinx cannot start an utterance.
    public func startTurn() throws(RecognitionError) {
        if self.isInTurn {
            _ = self.decoder.end()
            _ = self.phoneLoop?.end()
        }
        guard self.decoder.start(), self.phoneLoop?.start() ?? true else {
            throw .decoderFailed("pocketsphinx could not start an utterance")
        }
        self.isInTurn = true
        self.processedFrameCount = 0
    }

    /// Makes the recognizer as good as new for the next borrower: ends any turn left open (a call that ended
    /// mid-turn) and puts the rejection threshold back to its default.
    func reset() {
        if self.isInTurn {
            _ = self.decoder.end()
            _ = self.phoneLoop?.end()
            self.isInTurn = false
        }
        self.processedFrameCount = 0
        self.rejectionThreshold = Self.defaultRejectionThreshold
        self.channelState = self.initialChannelState
    }

    /// Decodes more of the turn: 16 kHz mono samples, any count.
    ///
    /// - Throws: `RecognitionError.decoderFailed` when no turn was started or pocketsphinx fails.
    public func process(_ samples: UnsafeBufferPointer<Int16>) throws(RecognitionError) {
        guard self.isInTurn else { throw .decoderFailed("process called outside a turn; call startTurn first") }
        let start = Self.threadCPUSeconds()
        let isDecoded = self.decoder.process(samples)
        let middle = Self.threadCPUSeconds()
        let isLooped = self.phoneLoop?.process(samples) ?? true
        self.decodingCPUSeconds.decoder += middle - start
        self.decodingCPUSeconds.phoneLoop += Self.threadCPUSeconds() - middle
        guard isDecoded, isLooped else { throw .decoderFailed("pocketsphinx failed while decoding") }
        self.processedFrameCount += samples.count
    }

    /// The best hypothesis so far in this turn, or `nil` before any word.
    public var partialText: String? {
        guard self.isInTurn, let hypothesis = self.decoder.hypothesis(), !hypothesis.text.isEmpty else { return nil }
        return hypothesis.text
    }

    /// Ends the turn and returns what was said.
    ///
    /// - Throws: `RecognitionError.decoderFailed` when no turn was started or pocketsphinx fails.
    public func finishTurn() throws(RecognitionError) -> RecognitionResult {
        guard self.isInTurn else { throw .decoderFailed("finishTurn called outside a turn; call startTurn first") }
        self.isInTurn = false
        let start = Self.threadCPUSeconds()
        let isEnded = self.decoder.end()
        let middle = Self.threadCPUSeconds()
        let isLoopEnded = self.phoneLoop?.end() ?? true
        self.decodingCPUSeconds.decoder += middle - start
        self.decodingCPUSeconds.phoneLoop += Self.threadCPUSeconds() - middle
        guard isEnded, isLoopEnded else { throw .decoderFailed("pocketsphinx could not end the utterance") }

        let audioSeconds = Double(self.processedFrameCount) / Double(Self.sampleRate)
        guard let hypothesis = self.decoder.hypothesis(), !hypothesis.text.isEmpty else {
            var result = RecognitionResult(text: "", confidence: nil, words: [], audioSeconds: audioSeconds)
            result.confidence = self.phoneLoop == nil ? nil : 0
            result.isRejected = true
            return result
        }
        let words = self.decoder.segments().compactMap { segment -> RecognizedWord? in
            guard !segment.word.hasPrefix("<"), !segment.word.hasPrefix("["), !segment.word.hasPrefix("(") else {
                return nil
            }
            let word = segment.word.split(separator: "(").first.map(String.init) ?? segment.word
            return RecognizedWord(
                text: word, startSeconds: Double(segment.startFrame) / 100,
                endSeconds: Double(segment.endFrame + 1) / 100)
        }
        var result = RecognitionResult(text: hypothesis.text, confidence: nil, words: words, audioSeconds: audioSeconds)
        // TODO: the `open` context has no confidence (its phone loop would cost another 0.2 CPU s per audio s), so
        // its callers cannot reject what it heard and must confirm it.
        if let phoneLoop = self.phoneLoop {
            result.acousticMargin = Self.acousticMargin(
                hypothesis: self.decoder, phoneLoop: phoneLoop, isGrammar: self.context.grammar != nil)
            result.confidence = result.acousticMargin.map { self.context.confidence(margin: $0) } ?? 0
            result.isRejected = (result.confidence ?? 0) < self.rejectionThreshold
        }
        return result
    }

    /// The hypothesis's score minus the phone loop's on the same audio, per frame of speech: near 0 when the
    /// context's words explain the audio as well as free phones do, strongly negative when the grammar forced a
    /// wrong answer onto it; `nil` when either heard nothing, or when a grammar's words cover less than half of
    /// the speech the phone loop hears.
    ///
    /// For a grammar the hypothesis's score is its acoustic score alone (its segments' sum), so that the filler
    /// and silence penalties a grammar pays to skip speech do not count; for a language model it is the path
    /// score, because pocketsphinx reports an n-gram search's segment scores on another scale. The phone loop's
    /// is always its path score, its phone language model weighted lightly (see `PocketSphinxDecoder`).
    static func acousticMargin(
        hypothesis: PocketSphinxDecoder, phoneLoop: PocketSphinxDecoder, isGrammar: Bool
    ) -> Double? {
        guard let constrained = hypothesis.hypothesis(), let free = phoneLoop.hypothesis() else { return nil }
        var score = Int64(constrained.score)
        if isGrammar {
            guard let acoustic = hypothesis.acousticScore() else { return nil }
            // A grammar may explain a long turn as a few of its words and silence for the rest (a two-minute
            // monologue heard as "twelve twenty a m on friday"); the silence segments cost almost nothing
            // acoustically, so the margin came out high. Words that cover under half of what the phone loop
            // hears as speech are no answer of the grammar.
            guard Self.wordFrameCount(hypothesis) * 2 >= Self.wordFrameCount(phoneLoop) else { return nil }
            score = acoustic.score
        }
        return Double(score - Int64(free.score)) / Double(max(hypothesis.frameCount, 1))
    }

    /// Frames inside words, not silence or fillers, of a decoder's final hypothesis (phones, for a phone loop).
    static func wordFrameCount(_ decoder: PocketSphinxDecoder) -> Int {
        decoder.segments().reduce(0) { total, segment in
            let isFiller =
                segment.word == "SIL" || segment.word.hasPrefix("<") || segment.word.hasPrefix("(")
                || segment.word.hasPrefix("[") || segment.word.hasPrefix("+")
            return total + (isFiller ? 0 : segment.endFrame - segment.startFrame + 1)
        }
    }

    /// CPU time of the calling thread.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Recognizes a whole turn at once.
    ///
    /// - Throws: `RecognitionError` when decoding fails.
    public func recognize(_ samples: [Int16]) throws(RecognitionError) -> RecognitionResult {
        try self.startTurn()
        // Blocks of 100 ms, as the worker feeds them during a call.
        var start = 0
        while start < samples.count {
            let end = min(start + Self.sampleRate / 10, samples.count)
            try samples.withUnsafeBufferPointer { (buffer) throws(RecognitionError) in
                try self.process(UnsafeBufferPointer(rebasing: buffer[start..<end]))
            }
            start = end
        }
        return try self.finishTurn()
    }
}

/// What a recognizer heard in one turn.
public struct RecognitionResult: Hashable, Sendable {
    /// The words, space-separated; empty when nothing in the grammar was heard.
    public var text: String

    /// How sure the recognizer is that the audio is what the text says, 0 … 1: the acoustic score of the
    /// hypothesis against a phone loop's, through a logistic fitted on tuning voices; 0 when nothing was heard,
    /// `nil` for the `open` context, which measures none.
    public var confidence: Double?

    /// The words with their times from the start of the turn.
    public var words: [RecognizedWord]

    /// Whether the turn is rejected as not in the context (the caller should hear "I didn't catch that"): no
    /// words, or a confidence under the recognizer's `rejectionThreshold`. Always `false` for `open`.
    public var isRejected = false
    // TODO: an emergency phrase is rejected like any other hypothesis when its confidence is low, so a caller that
    // drops rejected turns would also drop a real "i can't breathe" heard with little confidence; until urgency
    // has its own rule, callers must still feed `text` to the urgency monitor whether or not the turn is rejected.

    /// The hypothesis's acoustic score minus a phone loop's on the same audio, per 10 ms frame (log base
    /// 1.0001), from which `confidence` is computed; `nil` where no confidence is measured.
    public var acousticMargin: Double?

    /// How much audio the turn held.
    public var audioSeconds: Double

    public init(text: String, confidence: Double?, words: [RecognizedWord], audioSeconds: Double) {
        self.text = text
        self.confidence = confidence
        self.words = words
        self.audioSeconds = audioSeconds
    }
}

/// One recognized word and when it was said.
public struct RecognizedWord: Hashable, Sendable {
    public var text: String
    public var startSeconds: Double
    public var endSeconds: Double

    public init(text: String, startSeconds: Double, endSeconds: Double) {
        self.text = text
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
    }
}

extension RecognitionContext {
    /// The two parameters of the logistic that maps this context's acoustic margin to a confidence, fitted by
    /// `tools/fit-rejection` on the tuning voices of `tools/make-caller-corpus` only (fixtures/rejection/tuning.tsv,
    /// and contexts-tuning.tsv for the slot contexts; see the README); `nil` for `open`, which measures no margin.
    var confidenceCalibration: (slope: Double, offset: Double)? {
        switch self {
        case .digits: return (0.1714, -0.0444)
        case .yesNo: return (0.1133, -0.8102)
        case .intent: return (0.3384, 1.6080)
        // Fitted the same way on fixtures/rejection/contexts-tuning.tsv, the `name` context with the README's list.
        case .time: return (0.1764, 0.0232)
        case .dateOfBirth: return (0.3100, -0.9532)
        case .name: return (0.1742, -0.1562)
        case .open: return nil
        }
    }

    /// A confidence, 0 … 1, from an acoustic margin: `1 / (1 + e^−(slope · margin + offset))`.
    func confidence(margin: Double) -> Double {
        guard let calibration = self.confidenceCalibration else { return 0 }
        return 1 / (1 + exp(-(calibration.slope * margin + calibration.offset)))
    }
}

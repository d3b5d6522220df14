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

    private let decoder: PocketSphinxDecoder
    private var isInTurn = false
    private var processedFrameCount = 0

    /// Loads the model with the context's grammar and its own small dictionary.
    ///
    /// Not real-time safe: control thread only; takes tens of milliseconds.
    ///
    /// - Throws: `RecognitionError` when the model is missing or pocketsphinx refuses the grammar.
    public init(context: RecognitionContext) throws(RecognitionError) {
        guard PocketSphinxLibrary.isModelInstalled else {
            throw .modelMissing(path: PocketSphinxLibrary.modelDirectory)
        }
        self.context = context
        if let grammar = context.grammar {
            let dictionary = try PronunciationDictionary.file(for: grammar.words, context: context.rawValue)
            self.decoder = try PocketSphinxDecoder(
                dictionaryPath: dictionary, search: .grammar(name: grammar.name, jsgf: grammar.jsgf))
        } else if let sentences = context.trainingSentences {
            // Sentences with a word the dictionary lacks are left out rather than failing the context.
            let known = try PronunciationDictionary.knownWords(in: Set(sentences.flatMap { $0 }))
            let model = NGramLanguageModel(sentences: sentences.filter { $0.allSatisfy(known.contains) })
            let dictionary = try PronunciationDictionary.file(for: model.words, context: context.rawValue)
            self.decoder = try PocketSphinxDecoder(
                dictionaryPath: dictionary, search: .languageModel(path: try model.file(context: context.rawValue)))
        } else {
            self.decoder = try PocketSphinxDecoder(
                dictionaryPath: PocketSphinxLibrary.dictionaryPath,
                search: .languageModel(path: PocketSphinxLibrary.languageModelPath))
        }
    }

    /// Starts a new turn, discarding anything of the last.
    ///
    /// - Throws: `RecognitionError.decoderFailed` when pocketsphinx cannot start an utterance.
    public func startTurn() throws(RecognitionError) {
        if self.isInTurn {
            _ = self.decoder.end()
        }
        guard self.decoder.start() else { throw .decoderFailed("pocketsphinx could not start an utterance") }
        self.isInTurn = true
        self.processedFrameCount = 0
    }

    /// Decodes more of the turn: 16 kHz mono samples, any count.
    ///
    /// - Throws: `RecognitionError.decoderFailed` when no turn was started or pocketsphinx fails.
    public func process(_ samples: UnsafeBufferPointer<Int16>) throws(RecognitionError) {
        guard self.isInTurn else { throw .decoderFailed("process called outside a turn; call startTurn first") }
        guard self.decoder.process(samples) else { throw .decoderFailed("pocketsphinx failed while decoding") }
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
        guard self.decoder.end() else { throw .decoderFailed("pocketsphinx could not end the utterance") }

        let audioSeconds = Double(self.processedFrameCount) / Double(Self.sampleRate)
        guard let hypothesis = self.decoder.hypothesis(), !hypothesis.text.isEmpty else {
            return RecognitionResult(text: "", confidence: nil, words: [], audioSeconds: audioSeconds)
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
        // TODO: a real confidence. pocketsphinx's posterior (`ps_get_prob`) is always 1 for a grammar search, so it
        // cannot tell a clear answer from a guess; until a confidence of our own exists (for example the
        // spotter's score, or the acoustic score against a phone loop), callers cannot reject out-of-context
        // speech and must confirm what they heard.
        return RecognitionResult(text: hypothesis.text, confidence: nil, words: words, audioSeconds: audioSeconds)
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

    /// How sure the recognizer is, 0 … 1, or `nil` while no confidence measure exists for this search.
    public var confidence: Double?

    /// The words with their times from the start of the turn.
    public var words: [RecognizedWord]

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

import Foundation

/// A small bigram language model of our own, built from domain sentences and written in ARPA form for
/// pocketsphinx (Debian does not package the sphinx language-model builder).
///
/// Bigrams are discounted absolutely (D = 0.5, a common choice for small counts) and back off to maximum-likelihood
/// unigrams, with back-off weights that make every history's distribution sum to one. Sentences are wrapped in
/// `<s>` … `</s>`.
///
/// Not real-time safe: control thread only.
public struct NGramLanguageModel: Sendable {
    /// The absolute discount taken from every seen bigram.
    public static let discount = 0.5

    /// Every word of the model, without `<s>` and `</s>`.
    public let words: Set<String>

    /// The model in ARPA text form.
    public let arpa: String

    /// Builds the model from sentences that are already spoken-form words (see `SpokenText.words`).
    ///
    /// - Precondition: at least one sentence with at least one word.
    public init(sentences: [[String]]) {
        var unigrams: [String: Int] = [:]
        var bigrams: [String: [String: Int]] = [:]
        for sentence in sentences where !sentence.isEmpty {
            let tokens = ["<s>"] + sentence + ["</s>"]
            for token in tokens { unigrams[token, default: 0] += 1 }
            for (previous, next) in zip(tokens, tokens.dropFirst()) {
                bigrams[previous, default: [:]][next, default: 0] += 1
            }
        }
        // <s> is never predicted, so it takes no unigram mass.
        let predictedTotal = Double(unigrams.filter { $0.key != "<s>" }.values.reduce(0, +))
        func unigramProbability(_ word: String) -> Double { Double(unigrams[word] ?? 0) / predictedTotal }

        var unigramLines: [String] = []
        var bigramLines: [String] = []
        for word in unigrams.keys.sorted() {
            let followers = bigrams[word] ?? [:]
            let historyCount = Double(followers.values.reduce(0, +))
            var backoff = 0.0
            if historyCount > 0 {
                let reserved = Self.discount * Double(followers.count) / historyCount
                let seenUnigramMass = followers.keys.reduce(0.0) { $0 + unigramProbability($1) }
                backoff = seenUnigramMass < 1 ? reserved / (1 - seenUnigramMass) : 0
                for next in followers.keys.sorted() {
                    let probability = (Double(followers[next]!) - Self.discount) / historyCount
                    bigramLines.append("\(Self.log10Text(probability)) \(word) \(next)")
                }
            }
            let probability = word == "<s>" ? "-99.0000" : Self.log10Text(unigramProbability(word))
            let backoffText = historyCount > 0 ? " \(Self.log10Text(max(backoff, 1e-99)))" : ""
            unigramLines.append("\(probability) \(word)\(backoffText)")
        }

        self.words = Set(unigrams.keys).subtracting(["<s>", "</s>"])
        self.arpa = """
            \\data\\
            ngram 1=\(unigramLines.count)
            ngram 2=\(bigramLines.count)

            \\1-grams:
            \(unigramLines.joined(separator: "\n"))

            \\2-grams:
            \(bigramLines.joined(separator: "\n"))

            \\end\\

            """
    }

    static func log10Text(_ probability: Double) -> String { String(format: "%.4f", log10(probability)) }

    /// Writes the model to a cache file named by its content and returns the path.
    ///
    /// - Throws: `RecognitionError.decoderFailed` when the file cannot be written.
    public func file(context: String) throws(RecognitionError) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in self.arpa.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-\(context)-\(String(hash, radix: 16)).arpa")
        if !FileManager.default.fileExists(atPath: url.path) {
            do {
                try Data(self.arpa.utf8).write(to: url, options: .atomic)
            } catch {
                throw .decoderFailed("cannot write the \(context) language model to \(url.path): \(error)")
            }
        }
        return url.path
    }
}

import AudioCore
import Foundation

/// Pronunciations from Debian's CMU dictionary, and the small per-context dictionaries pocketsphinx loads.
///
/// Loading the whole 135 000-word dictionary into every decoder costs tens of megabytes and slows the search;
/// each recognition context instead gets a dictionary of just its own words, written once to a cache file.
///
/// Not real-time safe: control thread only.
public enum PronunciationDictionary {
    /// Every pronunciation line of the full dictionary for each word (`word`, `word(2)`, …), loaded on first use.
    static let entries = Locked<[String: [String]]?>(nil)

    /// The dictionary lines for `words`, every variant of each, sorted.
    ///
    /// - Parameter isGuessingUnknown: give a word the dictionary lacks a guessed pronunciation
    ///   (`LetterToSound`) instead of failing; for names, which no dictionary covers.
    /// - Throws: `RecognitionError.unknownWords` listing the words with no pronunciation (when not guessing),
    ///   `RecognitionError.modelMissing` when the dictionary file is absent.
    public static func lines(
        for words: Set<String>, context: String, isGuessingUnknown: Bool = false
    ) throws(RecognitionError) -> [String] {
        let table = try self.loadedEntries()
        let missing = words.filter { table[$0] == nil }.sorted()
        guard missing.isEmpty || isGuessingUnknown else { throw .unknownWords(missing, context: context) }
        var guessed: [String: String] = [:]
        for (word, phones) in zip(missing, LetterToSound.phones(for: missing)) {
            guard !phones.isEmpty else { throw .unknownWords([word], context: context) }
            guessed[word] = "\(word) \(phones.joined(separator: " "))"
        }
        return words.sorted().flatMap { table[$0] ?? guessed[$0].map { [$0] } ?? [] }
    }

    /// The subset of `words` the dictionary knows.
    ///
    /// - Throws: `RecognitionError.modelMissing` when the dictionary file is absent.
    public static func knownWords(in words: Set<String>) throws(RecognitionError) -> Set<String> {
        let table = try self.loadedEntries()
        return words.filter { table[$0] != nil }
    }

    /// Writes the dictionary for `words` to a cache file and returns its path; the same words give the same file.
    ///
    /// - Throws: as `lines(for:context:isGuessingUnknown:)`, or `RecognitionError.decoderFailed` when the file
    ///   cannot be written.
    public static func file(
        for words: Set<String>, context: String, isGuessingUnknown: Bool = false
    ) throws(RecognitionError) -> String {
        let lines = try self.lines(for: words, context: context, isGuessingUnknown: isGuessingUnknown)
        let text = lines.joined(separator: "\n") + "\n"
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-\(context)-\(String(hash, radix: 16)).dict")
        if !FileManager.default.fileExists(atPath: url.path) {
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw .decoderFailed("cannot write the \(context) dictionary to \(url.path): \(error)")
            }
        }
        return url.path
    }

    private static func loadedEntries() throws(RecognitionError) -> [String: [String]] {
        let path = PocketSphinxLibrary.dictionaryPath
        let loaded: [String: [String]]? = self.entries.withLock { cached in
            if let cached { return cached }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            var table: [String: [String]] = [:]
            table.reserveCapacity(140_000)
            for line in text.split(separator: "\n") {
                guard let space = line.firstIndex(of: " ") else { continue }
                var word = line[..<space]
                if let parenthesis = word.firstIndex(of: "(") {
                    word = word[..<parenthesis]
                }
                table[String(word), default: []].append(String(line))
            }
            cached = table
            return table
        }
        guard let loaded else { throw .modelMissing(path: path) }
        return loaded
    }
}

import Codecs
import Foundation

/// The shared corpora (`../shared/corpora` from the package root) and the few ways the voice tests read them.
enum Corpus {
    /// The package root: this file is `<root>/Tests/VoiceTests/Support/Corpus.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/corpora` beside the package.
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")

    /// A file in the corpora, for example `url("vad_concat/concat1.lab")`.
    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Every frame of a corpus file, mono, at `sampleRate`.
    static func samples(_ relativePath: String, sampleRate: Int) throws -> [Float] {
        let reader = try AudioFileReader(contentsOf: url(relativePath))
        return try ConvertingAudioFileReader(reader, sampleRate: sampleRate, channelCount: 1).readAll()
    }

    /// The labelled speech spans of an Audacity label file, in seconds.
    static func speechSpans(_ relativePath: String) throws -> [ClosedRange<Double>] {
        let text = try String(contentsOf: url(relativePath), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 3, fields[2] == "speech", let start = Double(fields[0]), let end = Double(fields[1])
            else { return nil }
            return start...end
        }
    }
}

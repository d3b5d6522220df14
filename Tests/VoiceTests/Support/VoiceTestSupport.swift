import AudioCore
import Codecs
import Foundation
import Voice

/// Where the Voice tests find the shared corpora, and small helpers to run detectors over a file.
enum VoiceTestSupport {
    /// The package root: this file is `<root>/Tests/VoiceTests/Support/VoiceTestSupport.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/corpora/vad_concat` from the package root.
    static let vadConcat = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/vad_concat")

    /// The samples and rate of one `vad_concat` file, and its track's block labels.
    static func concatFile(_ name: String) throws -> (samples: [Float], sampleRate: Int, labels: [Bool]) {
        let reader = try AudioFileReader(contentsOf: vadConcat.appendingPathComponent(name + ".wav"))
        let samples = try reader.readAll()
        let track = String(name.prefix(while: { $0 != "_" }))
        let labelsPath = vadConcat.appendingPathComponent(track + ".lab").path
        let labels = try SpeechLabels(parsing: String(contentsOfFile: labelsPath, encoding: .utf8), path: labelsPath)
        let rate = reader.fileDescription.sampleRate
        return (samples, rate, labels.blockLabels(blockCount: samples.count / (rate / 100)))
    }

    /// Attendant's decisions over `samples`, one per whole 10 ms block.
    static func attendantDecisions(_ samples: [Float], sampleRate: Int) throws -> [Bool] {
        let detector = try VoiceActivityDetector(sampleRate: sampleRate)
        return samples.withUnsafeBufferPointer { buffer in
            (0..<buffer.count / detector.blockFrameCount).map {
                detector.process(buffer, from: $0 * detector.blockFrameCount).isSpeech
            }
        }
    }

    /// WebRTC's decisions in `mode` over `samples`.
    static func webRTCDecisions(_ samples: [Float], sampleRate: Int, mode: Int) throws -> [Bool] {
        let detector = try WebRTCVoiceActivityDetector(mode: mode, sampleRate: sampleRate)
        return samples.withUnsafeBufferPointer { buffer in
            (0..<buffer.count / detector.blockFrameCount).map { block in
                let start = block * detector.blockFrameCount
                return detector.process(UnsafeBufferPointer(rebasing: buffer[start..<start + detector.blockFrameCount]))
            }
        }
    }
}

/// The seeded SplitMix64 generator every test uses for its random input.
typealias SeededGenerator = SeededRandomNumberGenerator

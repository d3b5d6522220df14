import Foundation

/// A minimal reader for mono or stereo 16-bit PCM WAV files, for test input only.
///
/// The product's audio-file code lives elsewhere; the tests read the corpora themselves so that the codec tests do
/// not depend on it. Only `fmt ` (format 1, 16 bits) and `data` chunks are understood; other chunks are skipped.
struct TestWAVFile {
    struct FormatError: Error, CustomStringConvertible {
        let url: URL
        let problem: String
        var description: String { "\(self.url.path): \(self.problem)" }
    }

    let sampleRate: Int
    let channelCount: Int
    /// Interleaved samples.
    let samples: [Int16]

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        func fail(_ problem: String) -> FormatError { FormatError(url: url, problem: problem) }
        func uint32(_ offset: Int) -> Int {
            Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
                | Int(bytes[offset + 3]) << 24
        }
        func uint16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }

        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8)
        else { throw fail("not a RIFF/WAVE file") }

        var format: (sampleRate: Int, channelCount: Int)?
        var offset = 12
        while offset + 8 <= bytes.count {
            let chunkByteCount = uint32(offset + 4)
            let body = offset + 8
            guard body + chunkByteCount <= bytes.count else { throw fail("chunk at \(offset) runs past the end") }

            if bytes[offset..<offset + 4].elementsEqual("fmt ".utf8) {
                guard uint16(body) == 1, uint16(body + 14) == 16 else { throw fail("not 16-bit integer PCM") }
                format = (uint32(body + 4), uint16(body + 2))
            } else if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                guard let format else { throw fail("data chunk before fmt chunk") }
                self.sampleRate = format.sampleRate
                self.channelCount = format.channelCount
                self.samples = stride(from: body, to: body + chunkByteCount - 1, by: 2).map {
                    Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
                }
                return
            }
            offset = body + chunkByteCount + chunkByteCount % 2
        }
        throw fail("no data chunk")
    }
}

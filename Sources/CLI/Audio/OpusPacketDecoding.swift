import Codecs
import Foundation

/// Decodes an Opus packet file to PCM, the way a call would: lost packets are recovered from the next packet's
/// forward error correction when it carries any, and concealed otherwise; the encoder's pre-skip is dropped.
///
/// Not real-time safe: control thread only.
struct OpusPacketDecoding {
    /// The packet file's header.
    let header: OpusPacketFileHeader

    /// Decoded frames, interleaved when stereo.
    private(set) var samples: [Int16] = []

    /// How many packets the file held, and how many of them were marked lost.
    private(set) var packetCount = 0
    private(set) var lostPacketCount = 0

    /// The payload bytes of the packets that were present.
    private(set) var payloadByteCount = 0

    /// Reads and decodes the whole file.
    ///
    /// - Throws: `OpusPacketFileError` for a malformed file; `OpusError` or `OpusCodingError` when a packet does
    ///   not decode.
    init(contentsOf url: URL) throws {
        var reader = try OpusPacketFileReader(contentsOf: url)
        self.header = reader.header
        let records = try reader.readAllRecords()
        let decoder = try OpusDecoder(sampleRate: self.header.sampleRate, channelCount: self.header.channelCount)
        var block = [Int16](repeating: 0, count: decoder.maximumPacketFrameCount * self.header.channelCount)

        for (index, record) in records.enumerated() {
            self.packetCount += 1
            let result: Result<Int, OpusCodingError>
            switch record {
            case .packet(let bytes):
                self.payloadByteCount += bytes.count
                result = bytes.withUnsafeBufferPointer { packet in
                    block.withUnsafeMutableBufferPointer { decoder.decode(packet, into: $0) }
                }
            case .lost:
                self.lostPacketCount += 1
                if index + 1 < records.count, case .packet(let next) = records[index + 1] {
                    result = next.withUnsafeBufferPointer { packet in
                        block.withUnsafeMutableBufferPointer { decoder.recoverLostPacket(from: packet, into: $0) }
                    }
                } else {
                    result = block.withUnsafeMutableBufferPointer { decoder.decode(nil, into: $0) }
                }
            }
            switch result {
            case .success(let frameCount):
                self.samples.append(contentsOf: block[0..<frameCount * self.header.channelCount])
            case .failure(let error):
                throw DecodingFailure(path: url.path, packetIndex: index, underlying: error)
            }
        }
        let skippedSampleCount = min(self.samples.count, self.header.preSkipFrameCount * self.header.channelCount)
        self.samples.removeFirst(skippedSampleCount)
    }

    /// Frames per channel after decoding.
    var frameCount: Int { self.samples.count / self.header.channelCount }

    /// A packet that libopus refused.
    struct DecodingFailure: Error, CustomStringConvertible {
        var path: String
        var packetIndex: Int
        var underlying: OpusCodingError

        var description: String { "\(self.path): packet \(self.packetIndex) does not decode: \(self.underlying)" }
    }
}

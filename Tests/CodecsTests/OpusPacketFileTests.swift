import AttendantTestSupport
import Foundation
import Testing

@testable import Codecs

@Suite("Opus packet file")
struct OpusPacketFileTests {
    static let header = OpusPacketFileHeader(
        sampleRate: 16000, channelCount: 1, packetFrameCount: 320, preSkipFrameCount: 104)

    /// The bytes of a valid file: header, a 3-byte packet, a lost packet.
    static func validBytes() -> [UInt8] {
        Array("ATOPUSPK".utf8) + [1, 0, 24, 0, 0x80, 0x3E, 0, 0, 1, 0, 0x40, 0x01, 104, 0, 0, 0]
            + [3, 0, 0xAA, 0xBB, 0xCC] + [0, 0]
    }

    static func readError(_ bytes: [UInt8]) -> OpusPacketFileError.Problem? {
        let url = URL(fileURLWithPath: "/calls/test.opuspk")
        do {
            var reader = try OpusPacketFileReader(bytes: bytes, url: url)
            _ = try reader.readAllRecords()
            return nil
        } catch {
            #expect(error.path == "/calls/test.opuspk")
            #expect(error.description.hasPrefix("/calls/test.opuspk: "))
            return error.problem
        }
    }

    @Test("encoded speech with a lost packet survives a write and read, and decodes")
    func roundTrip() throws {
        let directory = try TestPaths.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("call.opuspk")

        let wav = try TestWAVFile(
            contentsOf: TestPaths.corpora.appendingPathComponent("asr_cmu_arctic/cmu_arctic_us_axb_a0005.wav"))
        let encoder = try OpusEncoder(configuration: .init(sampleRate: 16000, bitrate: 24000))
        let packets = try OpusStream.encode(wav.samples, with: encoder)
        var records = packets.map { OpusPacketRecord.packet($0) }
        records[10] = .lost

        let writer = try OpusPacketFileWriter(url: url, header: OpusPacketFileHeader(for: encoder))
        for record in records {
            switch record {
            case .packet(let bytes): try writer.write(bytes)
            case .lost: try writer.writeLostPacket()
            }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path), "nothing at the destination before finish()")
        try writer.finish()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["call.opuspk"])

        var reader = try OpusPacketFileReader(contentsOf: url)
        #expect(reader.header == OpusPacketFileHeader(for: encoder))
        #expect(reader.header.preSkipFrameCount == encoder.lookaheadFrameCount)
        let readBack = try reader.readAllRecords()
        #expect(readBack == records)

        let decoder = try OpusDecoder(sampleRate: reader.header.sampleRate, channelCount: reader.header.channelCount)
        for record in readBack {
            let packet: [UInt8]? = if case .packet(let bytes) = record { bytes } else { nil }
            #expect(try OpusStream.decode(packet, with: decoder).count == reader.header.packetFrameCount)
        }
    }

    @Test("the layout on disk is the documented one")
    func layout() throws {
        let directory = try TestPaths.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("small.opuspk")
        let writer = try OpusPacketFileWriter(url: url, header: Self.header)
        try writer.write([0xAA, 0xBB, 0xCC])
        try writer.writeLostPacket()
        try writer.finish()
        #expect([UInt8](try Data(contentsOf: url)) == Self.validBytes())
    }

    @Test("a writer dropped before finish leaves nothing behind, and finish replaces an old file")
    func atomicity() throws {
        let directory = try TestPaths.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("call.opuspk")

        do {
            let writer = try OpusPacketFileWriter(url: url, header: Self.header)
            try writer.write([1, 2, 3])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        try Data("old".utf8).write(to: url)
        let writer = try OpusPacketFileWriter(url: url, header: Self.header)
        try writer.write([1, 2, 3])
        #expect(try Data(contentsOf: url) == Data("old".utf8))
        try writer.finish()
        var reader = try OpusPacketFileReader(contentsOf: url)
        #expect(try reader.readAllRecords() == [.packet([1, 2, 3])])

        #expect(throws: OpusPacketFileError(path: url.path, problem: .writerFinished)) { try writer.write([1]) }
        #expect(throws: OpusPacketFileError(path: url.path, problem: .writerFinished)) { try writer.finish() }
    }

    @Test("the writer refuses an invalid header, an oversized packet and an unwritable folder")
    func writerRefusals() throws {
        let url = URL(fileURLWithPath: "/nonexistent-folder/call.opuspk")
        var bad = Self.header
        bad.sampleRate = 44100
        #expect(throws: OpusPacketFileError(path: url.path, problem: .unsupportedSampleRate(44100))) {
            try OpusPacketFileWriter(url: url, header: bad)
        }
        #expect(throws: OpusPacketFileError.self) { try OpusPacketFileWriter(url: url, header: Self.header) }

        let directory = try TestPaths.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try OpusPacketFileWriter(url: directory.appendingPathComponent("x.opuspk"), header: Self.header)
        let huge = [UInt8](repeating: 0, count: OpusDecoder.maximumPacketByteCount + 1)
        #expect(throws: OpusPacketFileError.self) { try writer.write(huge) }
    }

    @Test("malformed files are refused with the file's name and what is wrong")
    func malformed() {
        let valid = Self.validBytes()
        #expect(Self.readError(valid) == nil)

        #expect(Self.readError([]) == .notAPacketFile)
        #expect(Self.readError(Array("RIFF\0\0\0\0WAVE".utf8)) == .notAPacketFile)
        #expect(Self.readError(Array(valid[0..<10])) == .truncatedHeader(byteCount: 10))
        #expect(Self.readError(Array(valid[0..<20])) == .truncatedHeader(byteCount: 20))

        var version2 = valid
        version2[8] = 2
        #expect(Self.readError(version2) == .unsupportedVersion(2))

        var shortHeader = valid
        shortHeader[10] = 12
        #expect(Self.readError(shortHeader) == .headerTooShort(byteCount: 12))

        var rate = valid
        rate[12] = 0x44
        rate[13] = 0xAC  // 44100
        #expect(Self.readError(rate) == .unsupportedSampleRate(44100))

        var channels = valid
        channels[16] = 3
        #expect(Self.readError(channels) == .unsupportedChannelCount(3))

        var frames = valid
        frames[18] = 100
        frames[19] = 0
        #expect(Self.readError(frames) == .unsupportedPacketFrameCount(100, sampleRate: 16000))

        #expect(
            Self.readError(Array(valid.dropLast(3)))
                == .truncatedPacket(index: 0, byteCount: 3, availableByteCount: 2))
        #expect(Self.readError(Array(valid.dropLast(1))) == .truncatedLength(index: 1))
        #expect(Self.readError(valid + [0xFF, 0xFF]) == .packetTooLarge(index: 2, byteCount: 65535))
    }

    @Test("a missing file is an I/O error naming it")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent-folder/missing.opuspk")
        do {
            _ = try OpusPacketFileReader(contentsOf: url)
            Issue.record("read a file that does not exist")
        } catch {
            #expect(error.path == url.path)
            guard case .inputOutput = error.problem else {
                Issue.record("expected an I/O error, got \(error)")
                return
            }
        }
    }

    @Test("error messages say what is wrong in words")
    func messages() {
        let error = OpusPacketFileError(
            path: "/calls/a.opuspk", problem: .truncatedPacket(index: 7, byteCount: 60, availableByteCount: 12))
        #expect(
            error.description
                == "/calls/a.opuspk: packet 7 claims 60 bytes but the file ends after 12; the file was cut short")
        #expect(
            OpusPacketFileError(path: "f", problem: .unsupportedPacketFrameCount(100, sampleRate: 16000)).description
                == "f: 100 frames per packet is not 10, 20, 40 or 60 ms at 16000 Hz")
    }
}

import Foundation

/// Reads an Opus packet file (see `OpusPacketFile` for the layout) record by record.
///
/// The whole file is read into memory by `init`; at 20 ms per packet an hour of 24 kbit/s speech is about 11 MB.
///
/// Not real-time safe: control thread only.
public struct OpusPacketFileReader {
    /// The file being read.
    public let url: URL
    /// The stream description from the file's header.
    public let header: OpusPacketFileHeader

    private let bytes: [UInt8]
    private var offset: Int
    private var packetIndex = 0

    /// Opens `url` and checks its header.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` naming the file and what is wrong with it.
    public init(contentsOf url: URL) throws(OpusPacketFileError) {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw OpusPacketFileError(path: url.path, problem: .inputOutput("cannot read the file: \(error)"))
        }
        try self.init(bytes: bytes, url: url)
    }

    /// Reads a packet file held in memory; `url` is only used to name it in errors.
    ///
    /// Not real-time safe: control thread only.
    public init(bytes: [UInt8], url: URL) throws(OpusPacketFileError) {
        func fail(_ problem: OpusPacketFileError.Problem) -> OpusPacketFileError {
            OpusPacketFileError(path: url.path, problem: problem)
        }
        guard bytes.count >= 8, bytes[0..<8].elementsEqual(OpusPacketFile.magic) else { throw fail(.notAPacketFile) }
        guard bytes.count >= 12 else { throw fail(.truncatedHeader(byteCount: bytes.count)) }

        let version = Self.uint16(bytes, 8)
        guard version == OpusPacketFile.version else { throw fail(.unsupportedVersion(version)) }
        let headerByteCount = Self.uint16(bytes, 10)
        guard headerByteCount >= OpusPacketFile.headerByteCount else {
            throw fail(.headerTooShort(byteCount: headerByteCount))
        }
        guard bytes.count >= headerByteCount else { throw fail(.truncatedHeader(byteCount: bytes.count)) }

        let header = OpusPacketFileHeader(
            sampleRate: Self.uint16(bytes, 12) | Self.uint16(bytes, 14) << 16, channelCount: Self.uint16(bytes, 16),
            packetFrameCount: Self.uint16(bytes, 18), preSkipFrameCount: Self.uint16(bytes, 20))
        if let problem = header.problem { throw fail(problem) }

        self.url = url
        self.header = header
        self.bytes = bytes
        self.offset = headerByteCount
    }

    /// The next record, or `nil` after the last one.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` when the file ends inside a record or a record is larger than Opus allows.
    public mutating func nextRecord() throws(OpusPacketFileError) -> OpusPacketRecord? {
        guard self.offset < self.bytes.count else { return nil }
        let index = self.packetIndex
        let available = self.bytes.count - self.offset
        guard available >= 2 else {
            throw OpusPacketFileError(path: self.url.path, problem: .truncatedLength(index: index))
        }

        let byteCount = Self.uint16(self.bytes, self.offset)
        guard byteCount <= OpusDecoder.maximumPacketByteCount else {
            throw OpusPacketFileError(path: self.url.path, problem: .packetTooLarge(index: index, byteCount: byteCount))
        }
        guard byteCount <= available - 2 else {
            throw OpusPacketFileError(
                path: self.url.path,
                problem: .truncatedPacket(index: index, byteCount: byteCount, availableByteCount: available - 2))
        }

        let start = self.offset + 2
        self.offset = start + byteCount
        self.packetIndex += 1
        return byteCount == 0 ? .lost : .packet(Array(self.bytes[start..<(start + byteCount)]))
    }

    /// Every remaining record.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` as `nextRecord()` does.
    public mutating func readAllRecords() throws(OpusPacketFileError) -> [OpusPacketRecord] {
        var records: [OpusPacketRecord] = []
        while let record = try self.nextRecord() {
            records.append(record)
        }
        return records
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }
}

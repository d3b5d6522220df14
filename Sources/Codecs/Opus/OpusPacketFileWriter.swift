import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an Opus packet file (see `OpusPacketFile` for the layout).
///
/// Records go to a `TemporaryFile` beside the destination; `finish()` flushes it to disk and renames it into place,
/// so the destination is never seen half-written. A writer dropped without `finish()` deletes its temporary file.
///
/// Not real-time safe: control thread only. File I/O blocks; an audio thread hands packets over through a ring
/// buffer instead.
public final class OpusPacketFileWriter {
    /// Where the finished file goes.
    public let url: URL
    /// The header written at the start.
    public let header: OpusPacketFileHeader
    /// Records written so far.
    public private(set) var recordCount = 0

    private var temporary: TemporaryFile?
    private var pending: [UInt8] = []
    private static let flushByteCount = 64 * 1024

    /// Creates the temporary file and writes the header.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` when the header is invalid or the file cannot be created.
    public init(url: URL, header: OpusPacketFileHeader) throws(OpusPacketFileError) {
        if let problem = header.problem { throw OpusPacketFileError(path: url.path, problem: problem) }
        self.url = url
        self.header = header
        do {
            self.temporary = try TemporaryFile(besideDestination: url.path)
        } catch {
            throw OpusPacketFileError(path: url.path, problem: .inputOutput(error.reason))
        }

        self.pending.reserveCapacity(Self.flushByteCount + OpusDecoder.maximumPacketByteCount)
        self.pending += OpusPacketFile.magic
        self.append16(OpusPacketFile.version)
        self.append16(OpusPacketFile.headerByteCount)
        self.append16(header.sampleRate & 0xFFFF)
        self.append16(header.sampleRate >> 16)
        self.append16(header.channelCount)
        self.append16(header.packetFrameCount)
        self.append16(header.preSkipFrameCount)
        self.append16(0)
    }

    /// Appends one packet. An empty packet is recorded as lost.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` when the packet is larger than Opus allows or the write fails.
    public func write(_ packet: UnsafeBufferPointer<UInt8>) throws(OpusPacketFileError) {
        guard self.temporary != nil else { throw self.error(.writerFinished) }
        guard packet.count <= OpusDecoder.maximumPacketByteCount else {
            throw self.error(.packetTooLarge(index: self.recordCount, byteCount: packet.count))
        }
        self.append16(packet.count)
        self.pending.append(contentsOf: packet)
        self.recordCount += 1
        if self.pending.count >= Self.flushByteCount {
            try self.flush()
        }
    }

    /// Appends one packet. An empty packet is recorded as lost.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` as `write(_:)` with a buffer does.
    public func write(_ packet: [UInt8]) throws(OpusPacketFileError) {
        try packet.withUnsafeBufferPointer { (bytes) throws(OpusPacketFileError) in try self.write(bytes) }
    }

    /// Records a lost packet (a zero length).
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` when the write fails.
    public func writeLostPacket() throws(OpusPacketFileError) {
        try self.write(UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Flushes everything to disk and renames the temporary file to `url`, replacing any file there.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` when a write, the sync or the rename fails; the destination is then untouched.
    public func finish() throws(OpusPacketFileError) {
        guard let temporary = self.temporary else { throw self.error(.writerFinished) }
        try self.flush()
        self.temporary = nil
        do {
            try temporary.commit()
        } catch {
            throw self.error(.inputOutput(error.reason))
        }
    }

    private func flush() throws(OpusPacketFileError) {
        guard let temporary = self.temporary, !self.pending.isEmpty else { return }
        do {
            try self.pending.withUnsafeBytes { bytes in try temporary.write(bytes) }
        } catch let error as AudioFileError {
            throw self.error(.inputOutput(error.reason))
        } catch {
            throw self.error(.inputOutput("\(error)"))
        }
        self.pending.removeAll(keepingCapacity: true)
    }

    private func append16(_ value: Int) {
        self.pending.append(UInt8(truncatingIfNeeded: value))
        self.pending.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private func error(_ problem: OpusPacketFileError.Problem) -> OpusPacketFileError {
        OpusPacketFileError(path: self.url.path, problem: problem)
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an Opus packet file (see `OpusPacketFile` for the layout).
///
/// Records go to a temporary file beside the destination; `finish()` flushes it to disk and renames it into place,
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

    private let temporaryURL: URL
    private var handle: FileHandle?
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
        self.temporaryURL = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")

        guard FileManager.default.createFile(atPath: self.temporaryURL.path, contents: nil) else {
            throw OpusPacketFileError(
                path: url.path,
                problem: .inputOutput("cannot create \(self.temporaryURL.path); is the folder writable?"))
        }
        do {
            self.handle = try FileHandle(forWritingTo: self.temporaryURL)
        } catch {
            try? FileManager.default.removeItem(at: self.temporaryURL)
            throw OpusPacketFileError(path: url.path, problem: .inputOutput("cannot open the temporary file: \(error)"))
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

    deinit {
        if self.handle != nil {
            try? self.handle?.close()
            try? FileManager.default.removeItem(at: self.temporaryURL)
        }
    }

    /// Appends one packet. An empty packet is recorded as lost.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `OpusPacketFileError` when the packet is larger than Opus allows or the write fails.
    public func write(_ packet: UnsafeBufferPointer<UInt8>) throws(OpusPacketFileError) {
        guard self.handle != nil else { throw self.error(.writerFinished) }
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
        guard let handle = self.handle else { throw self.error(.writerFinished) }
        try self.flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw self.error(.inputOutput("cannot flush the temporary file: \(error)"))
        }
        self.handle = nil

        guard rename(self.temporaryURL.path, self.url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: self.temporaryURL)
            throw self.error(.inputOutput("cannot rename the temporary file into place: \(reason)"))
        }
    }

    private func flush() throws(OpusPacketFileError) {
        guard let handle = self.handle, !self.pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: self.pending)
        } catch {
            throw self.error(.inputOutput("cannot write: \(error)"))
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

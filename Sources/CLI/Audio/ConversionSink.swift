import AudioCore
import Codecs
import Foundation

/// Where `attendant convert` writes: a file in one of the output kinds, fed float frames block by block.
///
/// Every sink writes to a temporary file and renames it into place in `finish()`; a sink dropped before that
/// leaves nothing behind.
protocol ConversionSink: AnyObject {
    /// One line naming the output's format, for the command's report.
    var formatDescription: String { get }

    /// Appends interleaved frames.
    func write(_ samples: UnsafeBufferPointer<Float>) throws

    /// Completes the file and moves it into place.
    func finish() throws
}

/// Chooses the sink for an output kind.
enum ConversionSinks {
    /// The sink for `kind` at `url`.
    static func make(
        _ kind: AudioFileKind, url: URL, format: AudioFileFormat, opus: OpusEncoder.Configuration
    ) throws -> any ConversionSink {
        switch kind {
        case .audioFile, .rawPCM:
            return try AudioFileSink(url: url, format: format)
        case .rawG711(let law):
            return try G711FileSink(url: url, law: law, sampleRate: format.sampleRate)
        case .opusPackets:
            var configuration = opus
            configuration.sampleRate = format.sampleRate
            return try OpusPacketSink(url: url, configuration: configuration)
        }
    }
}

/// WAV and raw PCM through libsndfile.
final class AudioFileSink: ConversionSink {
    private let writer: AudioFileWriter
    let formatDescription: String

    init(url: URL, format: AudioFileFormat) throws {
        self.writer = try AudioFileWriter(url: url, format: format)
        self.formatDescription = format.description
    }

    func write(_ samples: UnsafeBufferPointer<Float>) throws {
        try self.writer.write(samples)
    }

    func finish() throws {
        try self.writer.finish()
    }
}

/// Headerless G.711 through Attendant's own codec (the one calls use), written atomically.
final class G711FileSink: ConversionSink {
    private let law: G711.Law
    private let temporary: TemporaryFile
    private var pcm: [Int16] = []
    private var codes: [UInt8] = []
    let formatDescription: String

    init(url: URL, law: G711.Law, sampleRate: Int) throws {
        self.law = law
        self.temporary = try TemporaryFile(besideDestination: url.path)
        self.formatDescription = "headerless G.711 \(law == .muLaw ? "µ-law" : "A-law"), \(sampleRate) Hz, 1 channel"
    }

    func write(_ samples: UnsafeBufferPointer<Float>) throws {
        if self.pcm.count < samples.count {
            self.pcm = [Int16](repeating: 0, count: samples.count)
            self.codes = [UInt8](repeating: 0, count: samples.count)
        }
        try self.pcm.withUnsafeMutableBufferPointer { pcm in
            try self.codes.withUnsafeMutableBufferPointer { codes in
                let block = UnsafeMutableBufferPointer(rebasing: pcm[0..<samples.count])
                let encoded = UnsafeMutableBufferPointer(rebasing: codes[0..<samples.count])
                SampleConversion.convert(samples, to: block)
                G711.encode(UnsafeBufferPointer(block), law: self.law, into: encoded)
                try self.temporary.write(UnsafeRawBufferPointer(encoded))
            }
        }
    }

    func finish() throws {
        try self.temporary.commit()
    }
}

/// An Opus packet file: mono 20 ms packets; a last partial block is padded with silence.
final class OpusPacketSink: ConversionSink {
    private let encoder: OpusEncoder
    private let writer: OpusPacketFileWriter
    private var pending: [Int16] = []
    private var packet = [UInt8](repeating: 0, count: OpusEncoder.recommendedPacketCapacity)
    let formatDescription: String

    init(url: URL, configuration: OpusEncoder.Configuration) throws {
        self.encoder = try OpusEncoder(configuration: configuration)
        self.writer = try OpusPacketFileWriter(url: url, header: OpusPacketFileHeader(for: self.encoder))
        self.formatDescription =
            "Opus packet file, \(configuration.sampleRate) Hz, 1 channel, \(configuration.bitrate) bit/s, "
            + "complexity \(configuration.complexity)\(configuration.isForwardErrorCorrectionEnabled ? ", FEC" : "")"
    }

    func write(_ samples: UnsafeBufferPointer<Float>) throws {
        var converted = [Int16](repeating: 0, count: samples.count)
        converted.withUnsafeMutableBufferPointer { SampleConversion.convert(samples, to: $0) }
        self.pending.append(contentsOf: converted)
        let frameCount = self.encoder.packetFrameCount
        var start = 0
        while self.pending.count - start >= frameCount {
            try self.encodeBlock(self.pending[start..<start + frameCount])
            start += frameCount
        }
        self.pending.removeFirst(start)
    }

    func finish() throws {
        if !self.pending.isEmpty {
            let padding = [Int16](repeating: 0, count: self.encoder.packetFrameCount - self.pending.count)
            try self.encodeBlock((self.pending + padding)[...])
            self.pending.removeAll()
        }
        try self.writer.finish()
    }

    private func encodeBlock(_ block: ArraySlice<Int16>) throws {
        let result = block.withUnsafeBufferPointer { pcm in
            self.packet.withUnsafeMutableBufferPointer { self.encoder.encode(pcm, into: $0) }
        }
        let byteCount = try result.get()
        try self.packet.withUnsafeBufferPointer {
            try self.writer.write(UnsafeBufferPointer(rebasing: $0[0..<byteCount]))
        }
    }
}

import AudioCore
import Codecs

/// The far end's phone on a packet line: cuts what its microphone picks up (16 kHz, 10 ms blocks) into 20 ms
/// packets encoded as the line's codec, as a synthetic caller sends them to the engine.
///
/// G.711 (`pcmu`, `pcma`) resamples 16 → 8 kHz (speexdsp quality 5, 2.5 ms of delay) and sends 160 codes a packet;
/// Opus codes 16 kHz directly with `LineCodec.opusConfiguration` at the complexity given (the codec's look-ahead
/// adds 6.5 ms). Packets are numbered from `firstSequenceNumber`, one a packet, wrapping from 65535 to 0, and stamped
/// with the 16 kHz frame their audio starts at.
///
/// Every buffer, the resampler and the encoder are made in `init`; `send` only reads and writes them.
///
/// `@unchecked Sendable`: a sender has one owner at a time. Make it on the control thread and hand it to the thread
/// that feeds it; nothing in it is shared, but two threads must never call it at once.
///
/// Real-time safe after `init`: `send` takes no locks, does not allocate, log or throw. One thread at a time.
public final class PacketSender: @unchecked Sendable {
    /// The codec the packets carry: `pcmu`, `pcma` or `opus`.
    public let codec: LineCodec
    /// The Opus encoder's complexity, 0 (fastest) … 10; `nil` on a G.711 line.
    public let complexity: Int?
    /// Frames `send` takes in one call: 10 ms at 16 kHz.
    public static let blockFrameCount = 160

    private let downsampler: Resampler?
    private let encoder: OpusEncoder?
    private let law: G711.Law

    /// The packet being filled, at 16 kHz, `filledCount` frames so far.
    private let packetInput: UnsafeMutableBufferPointer<Float>
    private var filledCount = 0
    /// Scratch: the packet at 8 kHz (G.711), and as 16-bit samples at the codec's rate.
    private let narrowFloats: UnsafeMutableBufferPointer<Float>
    private let samples: UnsafeMutableBufferPointer<Int16>

    private var nextSequenceNumber: UInt16
    private var nextTimestamp: UInt32 = 0

    /// Packets made so far.
    public private(set) var packetCount = 0
    /// Packets the encoder refused to make; their sequence numbers are skipped, so the receiver conceals them. 0 on a
    /// healthy line.
    public private(set) var encodingFailureCount = 0

    /// Makes the sender.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - codec: `pcmu`, `pcma` or `opus`.
    ///   - complexity: the Opus encoder's complexity, 0 … 10; ignored on a G.711 line.
    ///   - firstSequenceNumber: the first packet's sequence number (a real phone picks one at random).
    /// - Throws: `CallError.frontEnd` for a `linear16` line (it has no packets), a complexity out of range, or a
    ///   resampler or encoder that cannot be made.
    public init(
        codec: LineCodec, complexity: Int = LineCodec.opusConfiguration.complexity, firstSequenceNumber: UInt16 = 0
    ) throws(CallError) {
        self.codec = codec
        self.nextSequenceNumber = firstSequenceNumber
        do {
            switch codec {
            case .pcmu, .pcma:
                self.downsampler = try Resampler(inputSampleRate: 16_000, outputSampleRate: 8_000)
                self.encoder = nil
                self.complexity = nil
            case .opus:
                var configuration = LineCodec.opusConfiguration
                configuration.complexity = complexity
                self.downsampler = nil
                self.encoder = try OpusEncoder(configuration: configuration)
                self.complexity = complexity
            case .linear16:
                throw CallError.frontEnd("a \(codec.rawValue) line carries no packets; use pcmu, pcma or opus")
            }
        } catch let error as CallError {
            throw error
        } catch {
            throw .frontEnd("the \(codec.rawValue) packet sender cannot be made: \(error)")
        }
        self.law = codec == .pcma ? .aLaw : .muLaw
        self.packetInput = .allocate(capacity: VoicePacket.frameCount)
        self.narrowFloats = .allocate(capacity: VoicePacket.frameCount)
        self.samples = .allocate(capacity: VoicePacket.frameCount)
        self.packetInput.initialize(repeating: 0)
        self.narrowFloats.initialize(repeating: 0)
        self.samples.initialize(repeating: 0)
    }

    deinit {
        self.packetInput.deallocate()
        self.narrowFloats.deallocate()
        self.samples.deallocate()
    }

    /// Takes one 10 ms block of the caller's audio and returns the packet it completes, every other call.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameter block: `blockFrameCount` frames at 16 kHz, −1 … 1; another count traps.
    /// - Returns: the packet of the last 20 ms, or `nil` while a packet is half full (and when the encoder failed,
    ///   which `encodingFailureCount` counts).
    /// - Complexity: O(block) plus one packet's encoding every other call.
    public func send(_ block: UnsafeBufferPointer<Float>) -> VoicePacket? {
        precondition(block.count == Self.blockFrameCount, "PacketSender.send takes 10 ms blocks of 160 frames")
        for index in 0..<block.count { self.packetInput[self.filledCount + index] = block[index] }
        self.filledCount += block.count
        guard self.filledCount == VoicePacket.frameCount else { return nil }
        self.filledCount = 0

        var packet = VoicePacket(
            sequenceNumber: self.nextSequenceNumber, timestamp: self.nextTimestamp, byteCount: 0,
            payload: .init(repeating: 0))
        self.nextSequenceNumber &+= 1
        self.nextTimestamp &+= UInt32(VoicePacket.frameCount)
        self.packetCount += 1

        var isEncoded = false
        packet.withUnsafeMutablePayload { payload in
            let byteCount = self.encoder == nil ? self.encodeG711(into: payload) : self.encodeOpus(into: payload)
            isEncoded = byteCount != nil
            return byteCount ?? 0
        }
        guard isEncoded else {
            self.encodingFailureCount += 1
            return nil
        }
        return packet
    }

    /// Resamples the packet to 8 kHz and writes its G.711 codes; returns their count (160).
    private func encodeG711(into payload: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard let downsampler = self.downsampler else { return nil }
        let narrowFrameCount = VoicePacket.frameCount / 2
        let produced = downsampler.process(UnsafeBufferPointer(self.packetInput), into: self.narrowFloats)
            .producedFrameCount
        // 320 frames in make exactly 160 out at 2:1; should the filter ever give one fewer, the packet ends in
        // silence rather than changing length.
        for index in min(produced, narrowFrameCount)..<narrowFrameCount { self.narrowFloats[index] = 0 }
        let narrow = UnsafeMutableBufferPointer(rebasing: self.samples[..<narrowFrameCount])
        SampleConversion.convert(UnsafeBufferPointer(rebasing: self.narrowFloats[..<narrowFrameCount]), to: narrow)
        return G711.encode(
            UnsafeBufferPointer(narrow), law: self.law,
            into: UnsafeMutableBufferPointer(rebasing: payload[..<narrowFrameCount]))
    }

    /// Encodes the packet as Opus, in at most `payload.count` bytes (libopus lowers that packet's rate to fit).
    private func encodeOpus(into payload: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard let encoder = self.encoder else { return nil }
        SampleConversion.convert(UnsafeBufferPointer(self.packetInput), to: self.samples)
        switch encoder.encode(UnsafeBufferPointer(self.samples), into: payload) {
        case .success(let byteCount): return byteCount
        case .failure: return nil
        }
    }
}

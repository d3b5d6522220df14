import AudioCore
import Codecs

/// The caller's side of a simulated phone line: what the caller's phone picks up (16 kHz, 10 ms blocks) is cut into
/// 20 ms packets, encoded as the line's codec, sent, decoded, and brought back to 16 kHz, as the engine would
/// receive it from the network. G.711 runs 16 → 8 kHz, µ-law or A-law, 8 → 16 kHz; Opus codes 16 kHz directly.
/// The line runs a block behind for the packets (a packet is whole only every other block), plus the resamplers'
/// filters for G.711 (10 ms) or the codec's look-ahead for Opus (6.5 ms).
///
/// With `lossPercentage` above zero, packets are dropped at random (a fixed seed, so a replay is repeatable) and the
/// receiver conceals them: Opus with its decoder's packet-loss concealment, G.711 by repeating the last packet it
/// received at half the level, then silence (`G711Concealment`, which `PacketReceiver` shares).
///
/// The receiver knows which packets it concealed, as a packet call's decoder does: `carry` says whether a block holds
/// any of their audio, or of the packet after one (the decoder's state and the resampler's filter still carry the
/// concealment into it), so that the barge-in detector neither learns the echo from such a block nor takes it for the
/// caller.
///
/// Every buffer is allocated in `init`; `carry` only reads and writes them.
///
/// Real-time safe after `init`: `carry` takes no locks, does not allocate, log or throw. Audio thread only.
final class LineTransport {
    let codec: LineCodec
    let lossPercentage: Double
    private let downsampler: Resampler?
    private let upsampler: Resampler?
    private let encoder: OpusEncoder?
    private let decoder: OpusDecoder?
    private var random: SeededRandomNumberGenerator

    /// A packet's frames at 16 kHz: 20 ms.
    static let packetFrameCount = CallFrontEnd.sampleRate / 50

    /// The packet being filled, at 16 kHz.
    private let packetInput: UnsafeMutableBufferPointer<Float>
    private var packetFilledCount = 0

    /// Scratch at the codec's rate: floats, 16-bit samples, G.711 codes, the Opus packet's bytes.
    private let narrowFloats: UnsafeMutableBufferPointer<Float>
    private let narrowSamples: UnsafeMutableBufferPointer<Int16>
    private let codes: UnsafeMutableBufferPointer<UInt8>
    private let packetBytes: UnsafeMutableBufferPointer<UInt8>
    /// What the G.711 receiver plays for a lost packet, from the last one it received.
    private let concealment: G711Concealment
    /// Decoded audio at 16 kHz, before it is queued.
    private let wideFloats: UnsafeMutableBufferPointer<Float>
    private let wideSamples: UnsafeMutableBufferPointer<Int16>

    /// Decoded 16 kHz audio waiting to be read, oldest first, `queuedCount` frames from `queueStart`, and beside each
    /// frame whether it came from concealment.
    private let queue: UnsafeMutableBufferPointer<Float>
    private let queueConcealed: UnsafeMutableBufferPointer<Bool>
    /// Whether the last packet was lost: the next one's audio still carries its concealment.
    private var wasLastPacketLost = false
    private var queueStart = 0
    private var queuedCount = 0

    /// Packets sent, and of them lost and concealed.
    private(set) var packetCount = 0
    private(set) var lostPacketCount = 0
    /// Packets the codec refused to encode or decode (their audio is silence); 0 on a healthy line.
    private(set) var codingFailureCount = 0

    /// Makes the line.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - lossPercentage: packets lost at random, 0…100.
    ///   - seed: the loss pattern's seed.
    /// - Throws: `CallError.frontEnd` when a resampler or the Opus codec cannot be made.
    init(codec: LineCodec, lossPercentage: Double = 0, seed: UInt64 = 1) throws(CallError) {
        self.codec = codec
        self.lossPercentage = min(100, max(0, lossPercentage))
        self.random = SeededRandomNumberGenerator(seed: seed)
        let wideRate = CallFrontEnd.sampleRate
        do {
            switch codec {
            case .pcmu, .pcma:
                self.downsampler = try Resampler(inputSampleRate: wideRate, outputSampleRate: 8_000)
                self.upsampler = try Resampler(inputSampleRate: 8_000, outputSampleRate: wideRate)
                self.encoder = nil
                self.decoder = nil
            case .opus:
                self.downsampler = nil
                self.upsampler = nil
                self.encoder = try OpusEncoder(configuration: LineCodec.opusConfiguration)
                self.decoder = try OpusDecoder(sampleRate: LineCodec.opusConfiguration.sampleRate)
            case .linear16:
                self.downsampler = nil
                self.upsampler = nil
                self.encoder = nil
                self.decoder = nil
            }
        } catch {
            throw .frontEnd("the \(codec.rawValue) line cannot be made: \(error)")
        }
        let packetFrameCount = Self.packetFrameCount
        let decodedCapacity = max(2 * packetFrameCount, self.decoder?.maximumPacketFrameCount ?? 0)
        self.packetInput = .allocate(capacity: packetFrameCount)
        self.narrowFloats = .allocate(capacity: packetFrameCount)
        self.narrowSamples = .allocate(capacity: packetFrameCount)
        self.codes = .allocate(capacity: packetFrameCount)
        self.packetBytes = .allocate(capacity: OpusEncoder.recommendedPacketCapacity)
        self.concealment = G711Concealment(packetFrameCount: packetFrameCount)
        self.wideFloats = .allocate(capacity: decodedCapacity)
        self.wideSamples = .allocate(capacity: decodedCapacity)
        self.queue = .allocate(capacity: 4 * packetFrameCount + decodedCapacity)
        self.queueConcealed = .allocate(capacity: self.queue.count)
        self.queueConcealed.initialize(repeating: false)
        for buffer in [self.packetInput, self.narrowFloats, self.wideFloats, self.queue] {
            buffer.initialize(repeating: 0)
        }
        self.narrowSamples.initialize(repeating: 0)
        self.wideSamples.initialize(repeating: 0)
        self.codes.initialize(repeating: 0)
        self.packetBytes.initialize(repeating: 0)
        if codec != .linear16 {
            // A packet is whole only every other block: the line starts a packet less a block behind.
            self.queuedCount = packetFrameCount - CallFrontEnd.blockFrameCount
        }
    }

    deinit {
        self.packetInput.deallocate()
        self.narrowFloats.deallocate()
        self.narrowSamples.deallocate()
        self.codes.deallocate()
        self.packetBytes.deallocate()
        self.wideFloats.deallocate()
        self.wideSamples.deallocate()
        self.queue.deallocate()
        self.queueConcealed.deallocate()
    }

    /// Replaces `block` (16 kHz, −1…1) with what the far end of the line receives.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Returns: whether any frame of the block came from a concealed packet or the packet after one.
    @discardableResult
    func carry(_ block: UnsafeMutableBufferPointer<Float>) -> Bool {
        guard self.codec != .linear16 else { return false }
        var offset = 0
        while offset < block.count {
            let count = min(block.count - offset, Self.packetFrameCount - self.packetFilledCount)
            for index in 0..<count { self.packetInput[self.packetFilledCount + index] = block[offset + index] }
            self.packetFilledCount += count
            offset += count
            if self.packetFilledCount == Self.packetFrameCount {
                self.packetFilledCount = 0
                self.send()
            }
        }
        return self.dequeue(into: block)
    }

    /// Codes the full packet, and queues what the receiver makes of it.
    private func send() {
        self.packetCount += 1
        let isLost = self.lossPercentage > 0 && Double.random(in: 0..<100, using: &self.random) < self.lossPercentage
        if isLost { self.lostPacketCount += 1 }
        let isConcealed = isLost || self.wasLastPacketLost
        self.wasLastPacketLost = isLost
        switch self.codec {
        case .pcmu: self.sendG711(law: .muLaw, isLost: isLost, isConcealed: isConcealed)
        case .pcma: self.sendG711(law: .aLaw, isLost: isLost, isConcealed: isConcealed)
        case .opus: self.sendOpus(isLost: isLost, isConcealed: isConcealed)
        case .linear16: break
        }
    }

    private func sendG711(law: G711.Law, isLost: Bool, isConcealed: Bool) {
        guard let downsampler = self.downsampler, let upsampler = self.upsampler else { return }
        // The sender: resampled and encoded whether or not the packet arrives.
        let narrowCount = downsampler.process(UnsafeBufferPointer(self.packetInput), into: self.narrowFloats)
            .producedFrameCount
        let narrow = UnsafeMutableBufferPointer(rebasing: self.narrowSamples[..<narrowCount])
        SampleConversion.convert(UnsafeBufferPointer(rebasing: self.narrowFloats[..<narrowCount]), to: narrow)
        let codes = UnsafeMutableBufferPointer(rebasing: self.codes[..<narrowCount])
        G711.encode(UnsafeBufferPointer(narrow), law: law, into: codes)
        // The receiver.
        let received = UnsafeMutableBufferPointer(rebasing: self.narrowFloats[..<narrowCount])
        if isLost {
            self.concealment.conceal(into: received)
        } else {
            G711.decode(UnsafeBufferPointer(codes), law: law, into: narrow)
            SampleConversion.convert(UnsafeBufferPointer(narrow), to: received)
            self.concealment.remember(UnsafeBufferPointer(received))
        }
        let wideCount = upsampler.process(UnsafeBufferPointer(received), into: self.wideFloats).producedFrameCount
        self.enqueue(UnsafeBufferPointer(rebasing: self.wideFloats[..<wideCount]), isConcealed: isConcealed)
    }

    private func sendOpus(isLost: Bool, isConcealed: Bool) {
        guard let encoder = self.encoder, let decoder = self.decoder else { return }
        let pcm = UnsafeMutableBufferPointer(rebasing: self.wideSamples[..<Self.packetFrameCount])
        SampleConversion.convert(UnsafeBufferPointer(self.packetInput), to: pcm)
        var decoded: Result<Int, OpusCodingError>
        switch encoder.encode(UnsafeBufferPointer(pcm), into: self.packetBytes) {
        case .success(let byteCount):
            let packet = isLost ? nil : UnsafeBufferPointer(rebasing: self.packetBytes[..<byteCount])
            decoded = decoder.decode(packet, into: self.wideSamples)
        case .failure(let error):
            decoded = .failure(error)
        }
        var frameCount = Self.packetFrameCount
        if case .success(let count) = decoded, count <= self.wideFloats.count {
            frameCount = count
            SampleConversion.convert(
                UnsafeBufferPointer(rebasing: self.wideSamples[..<count]),
                to: UnsafeMutableBufferPointer(rebasing: self.wideFloats[..<count]))
        } else {
            self.codingFailureCount += 1
            UnsafeMutableBufferPointer(rebasing: self.wideFloats[..<frameCount]).update(repeating: 0)
        }
        self.enqueue(UnsafeBufferPointer(rebasing: self.wideFloats[..<frameCount]), isConcealed: isConcealed)
    }

    /// Appends decoded frames to the queue; frames past its capacity are dropped (never on a steady line).
    private func enqueue(_ frames: UnsafeBufferPointer<Float>, isConcealed: Bool) {
        for sample in frames where self.queuedCount < self.queue.count {
            let index = (self.queueStart + self.queuedCount) % self.queue.count
            self.queue[index] = sample
            self.queueConcealed[index] = isConcealed
            self.queuedCount += 1
        }
    }

    /// Fills `block` from the queue, with silence for frames not yet decoded; returns whether any frame it took
    /// came from concealment.
    private func dequeue(into block: UnsafeMutableBufferPointer<Float>) -> Bool {
        var isConcealed = false
        for index in 0..<block.count {
            if self.queuedCount > 0 {
                block[index] = self.queue[self.queueStart]
                isConcealed = isConcealed || self.queueConcealed[self.queueStart]
                self.queueStart = (self.queueStart + 1) % self.queue.count
                self.queuedCount -= 1
            } else {
                block[index] = 0
            }
        }
        return isConcealed
    }
}

import AudioCore
import Codecs

/// The caller's side of a simulated phone line: each 10 ms block of what the caller's phone picks up (16 kHz) is
/// encoded as the line's codec, decoded, and brought back to 16 kHz, as the engine would receive it from the
/// network. G.711 runs 16 → 8 kHz, µ-law or A-law, 8 → 16 kHz, 10 ms behind (the two resamplers' filters); Opus
/// encodes 20 ms packets, so the line runs one block behind, plus the codec's 6.5 ms look-ahead.
///
/// Every buffer is allocated in `init`; `carry` only reads and writes them.
///
/// Real-time safe after `init`: `carry` takes no locks, does not allocate, log or throw. Audio thread only.
final class LineTransport {
    let codec: LineCodec
    private let blockFrameCount: Int
    private let downsampler: Resampler?
    private let upsampler: Resampler?
    private let encoder: OpusEncoder?
    private let decoder: OpusDecoder?

    /// Scratch for one block at the codec's rate, as floats and as 16-bit samples, and its G.711 codes.
    private let narrowFloats: UnsafeMutableBufferPointer<Float>
    private let narrowSamples: UnsafeMutableBufferPointer<Int16>
    private let codes: UnsafeMutableBufferPointer<UInt8>
    private let wideFloats: UnsafeMutableBufferPointer<Float>

    /// Opus: the packet being filled, the packet's bytes, and its decoded frames.
    private let packetSamples: UnsafeMutableBufferPointer<Int16>
    private var packetFilledCount = 0
    private let packetBytes: UnsafeMutableBufferPointer<UInt8>
    private let decodedSamples: UnsafeMutableBufferPointer<Int16>

    /// Decoded 16 kHz audio waiting to be read, oldest first, `queuedCount` frames from `queueStart`.
    private let queue: UnsafeMutableBufferPointer<Float>
    private var queueStart = 0
    private var queuedCount = 0

    /// Packets the codec refused to encode or decode (their audio is silence); 0 on a healthy line.
    private(set) var codingFailureCount = 0

    /// Makes the line for blocks of `blockFrameCount` frames at 16 kHz.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `CallError.frontEnd` when a resampler or the Opus codec cannot be made.
    init(codec: LineCodec, blockFrameCount: Int = CallFrontEnd.blockFrameCount) throws(CallError) {
        self.codec = codec
        self.blockFrameCount = blockFrameCount
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
        let narrowCapacity = blockFrameCount + 16
        self.narrowFloats = .allocate(capacity: narrowCapacity)
        self.narrowFloats.initialize(repeating: 0)
        self.narrowSamples = .allocate(capacity: narrowCapacity)
        self.narrowSamples.initialize(repeating: 0)
        self.codes = .allocate(capacity: narrowCapacity)
        self.codes.initialize(repeating: 0)
        self.wideFloats = .allocate(capacity: max(2 * narrowCapacity, self.decoder?.maximumPacketFrameCount ?? 0))
        self.wideFloats.initialize(repeating: 0)
        let packetFrameCount = self.encoder?.packetFrameCount ?? 0
        self.packetSamples = .allocate(capacity: max(1, packetFrameCount))
        self.packetSamples.initialize(repeating: 0)
        self.packetBytes = .allocate(capacity: OpusEncoder.recommendedPacketCapacity)
        self.packetBytes.initialize(repeating: 0)
        self.decodedSamples = .allocate(capacity: max(1, self.decoder?.maximumPacketFrameCount ?? 0))
        self.decodedSamples.initialize(repeating: 0)
        self.queue = .allocate(capacity: 4 * blockFrameCount + packetFrameCount)
        self.queue.initialize(repeating: 0)
        if packetFrameCount > blockFrameCount {
            // A packet is whole only every other block: the line starts a packet less a block behind.
            self.queuedCount = packetFrameCount - blockFrameCount
        }
    }

    deinit {
        self.narrowFloats.deallocate()
        self.narrowSamples.deallocate()
        self.codes.deallocate()
        self.wideFloats.deallocate()
        self.packetSamples.deallocate()
        self.packetBytes.deallocate()
        self.decodedSamples.deallocate()
        self.queue.deallocate()
    }

    /// Replaces `block` (16 kHz, `blockFrameCount` frames, −1…1) with what the far end of the line receives.
    ///
    /// Real-time safe: no locks, no allocation.
    func carry(_ block: UnsafeMutableBufferPointer<Float>) {
        switch self.codec {
        case .linear16:
            return
        case .pcmu, .pcma:
            self.carryG711(UnsafeBufferPointer(block), law: self.codec == .pcmu ? .muLaw : .aLaw)
        case .opus:
            self.carryOpus(UnsafeBufferPointer(block))
        }
        self.dequeue(into: block)
    }

    private func carryG711(_ block: UnsafeBufferPointer<Float>, law: G711.Law) {
        guard let downsampler = self.downsampler, let upsampler = self.upsampler else { return }
        let narrowCount = downsampler.process(block, into: self.narrowFloats).producedFrameCount
        let narrow = UnsafeMutableBufferPointer(rebasing: self.narrowSamples[..<narrowCount])
        SampleConversion.convert(UnsafeBufferPointer(rebasing: self.narrowFloats[..<narrowCount]), to: narrow)
        let codes = UnsafeMutableBufferPointer(rebasing: self.codes[..<narrowCount])
        G711.encode(UnsafeBufferPointer(narrow), law: law, into: codes)
        G711.decode(UnsafeBufferPointer(codes), law: law, into: narrow)
        SampleConversion.convert(
            UnsafeBufferPointer(narrow), to: UnsafeMutableBufferPointer(rebasing: self.narrowFloats[..<narrowCount]))
        let wideCount = upsampler.process(
            UnsafeBufferPointer(rebasing: self.narrowFloats[..<narrowCount]), into: self.wideFloats
        ).producedFrameCount
        self.enqueue(UnsafeBufferPointer(rebasing: self.wideFloats[..<wideCount]))
    }

    private func carryOpus(_ block: UnsafeBufferPointer<Float>) {
        guard let encoder = self.encoder, let decoder = self.decoder else { return }
        var offset = 0
        while offset < block.count {
            let count = min(block.count - offset, encoder.packetFrameCount - self.packetFilledCount)
            SampleConversion.convert(
                UnsafeBufferPointer(rebasing: block[offset..<offset + count]),
                to: UnsafeMutableBufferPointer(
                    rebasing: self.packetSamples[self.packetFilledCount..<self.packetFilledCount + count]))
            self.packetFilledCount += count
            offset += count
            guard self.packetFilledCount == encoder.packetFrameCount else { continue }
            self.packetFilledCount = 0
            var decodedCount = encoder.packetFrameCount
            if case .success(let byteCount) = encoder.encode(UnsafeBufferPointer(self.packetSamples), into: self.packetBytes),
                case .success(let frameCount) = decoder.decode(
                    UnsafeBufferPointer(rebasing: self.packetBytes[..<byteCount]), into: self.decodedSamples)
            {
                decodedCount = frameCount
            } else {
                self.codingFailureCount += 1
                UnsafeMutableBufferPointer(rebasing: self.decodedSamples[..<decodedCount]).update(repeating: 0)
            }
            SampleConversion.convert(
                UnsafeBufferPointer(rebasing: self.decodedSamples[..<decodedCount]),
                to: UnsafeMutableBufferPointer(rebasing: self.wideFloats[..<decodedCount]))
            self.enqueue(UnsafeBufferPointer(rebasing: self.wideFloats[..<decodedCount]))
        }
    }

    /// Appends decoded frames to the queue; frames past its capacity are dropped (never on a steady line).
    private func enqueue(_ frames: UnsafeBufferPointer<Float>) {
        for sample in frames where self.queuedCount < self.queue.count {
            self.queue[(self.queueStart + self.queuedCount) % self.queue.count] = sample
            self.queuedCount += 1
        }
    }

    /// Fills `block` from the queue, with silence for frames not yet decoded.
    private func dequeue(into block: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<block.count {
            if self.queuedCount > 0 {
                block[index] = self.queue[self.queueStart]
                self.queueStart = (self.queueStart + 1) % self.queue.count
                self.queuedCount -= 1
            } else {
                block[index] = 0
            }
        }
    }
}

import AudioCore
import WebRTCShim

/// WebRTC's stand-alone voice-activity detector (its Gaussian-mixture VAD from webrtc-audio-processing 0.3), the
/// reference Attendant's own detector is measured against. It is an evaluation column, never the product's answer.
///
/// Wraps `attendant_webrtc_vad_create`, `attendant_webrtc_vad_process` and `attendant_webrtc_vad_destroy` from the
/// project's C shim. Blocks are 10 ms; floats are converted to 16-bit samples in a buffer made in `init`.
///
/// `init` allocates; `process` does not. Used by one thread at a time (not `Sendable`).
public final class WebRTCVoiceActivityDetector {
    /// WebRTC's aggressiveness: 0 keeps the most speech, 3 rejects the most noise.
    public let mode: Int

    /// Frames per second of the input: 8000 or 16000.
    public let sampleRate: Int

    /// Frames in each block `process` takes: 10 ms.
    public let blockFrameCount: Int

    private let handle: OpaquePointer
    private let samples: UnsafeMutableBufferPointer<Int16>

    /// Makes a detector with aggressiveness `mode` for `sampleRate`.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `VoiceActivityError.invalidMode`, `.unsupportedSampleRate`, or `.creationFailed`.
    public init(mode: Int, sampleRate: Int) throws(VoiceActivityError) {
        guard (0...3).contains(mode) else { throw .invalidMode(mode) }
        guard VoiceActivityError.supportedSampleRates.contains(sampleRate) else {
            throw .unsupportedSampleRate(sampleRate)
        }
        guard let handle = attendant_webrtc_vad_create(Int32(mode)) else { throw .creationFailed }
        self.handle = handle
        self.mode = mode
        self.sampleRate = sampleRate
        self.blockFrameCount = sampleRate / 100
        self.samples = .allocate(capacity: self.blockFrameCount)
        self.samples.initialize(repeating: 0)
    }

    deinit {
        attendant_webrtc_vad_destroy(self.handle)
        self.samples.deallocate()
    }

    /// Whether WebRTC's detector calls the block speech.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Parameter block: Exactly `blockFrameCount` mono samples in −1…1; another count traps.
    /// - Complexity: O(`blockFrameCount`).
    public func process(_ block: UnsafeBufferPointer<Float>) -> Bool {
        precondition(
            block.count == self.blockFrameCount, "a block is \(self.blockFrameCount) frames, not \(block.count)")
        SampleConversion.convert(block, to: self.samples)
        return self.process(int16: UnsafeBufferPointer(self.samples))
    }

    /// Whether WebRTC's detector calls a block of 16-bit samples speech.
    ///
    /// Real-time safe: no locks, no allocation. One thread at a time.
    ///
    /// - Parameter block: Exactly `blockFrameCount` samples; another count traps.
    public func process(int16 block: UnsafeBufferPointer<Int16>) -> Bool {
        precondition(
            block.count == self.blockFrameCount, "a block is \(self.blockFrameCount) frames, not \(block.count)")
        let result = attendant_webrtc_vad_process(self.handle, Int32(self.sampleRate), block.baseAddress, block.count)
        // The rate and length were checked in init and above, so the shim's −1 (invalid input) cannot occur.
        return result == 1
    }
}

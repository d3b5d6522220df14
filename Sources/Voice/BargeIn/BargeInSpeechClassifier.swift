/// The speech decision the barge-in detector asks about each block that is loud enough to be the caller.
///
/// The detector's energy tests say "something other than the agent's echo is in the capture"; a classifier says
/// whether that something is speech (not a cough, a door or a burst of line noise). It is a generic parameter of
/// `BargeInDetector`, so calls are direct, not through an existential.
///
/// Real-time safe: implementations must not allocate, lock, log or throw. Audio thread only.
public protocol BargeInSpeechClassifier {
    /// Whether `block` (the processed capture, after echo cancellation) holds speech.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    mutating func isSpeech(_ block: UnsafeBufferPointer<Float>) -> Bool
}

/// Accepts every block: the detector then decides on energy alone.
///
/// Real-time safe: no locks, no allocation. Any thread.
public struct EnergyOnlyClassifier: BargeInSpeechClassifier, Sendable {
    /// Makes the classifier.
    public init() {}

    /// Always `true`.
    ///
    /// Real-time safe: no locks, no allocation.
    public func isSpeech(_ block: UnsafeBufferPointer<Float>) -> Bool { true }
}

/// Asks webrtc's voice detector inside the call's processor, which judged the same block during
/// `VoiceProcessor.processCapture(_:)`; the processor must be made with `isVoiceDetectionEnabled`.
///
/// Real-time safe: no locks, no allocation. Audio thread only (the processor's).
public struct ProcessorVoiceClassifier: BargeInSpeechClassifier {
    /// The processor whose last capture block is judged.
    public let processor: VoiceProcessor

    /// Wraps `processor`.
    ///
    /// - Precondition: `processor.configuration.isVoiceDetectionEnabled`.
    public init(processor: VoiceProcessor) {
        precondition(
            processor.configuration.isVoiceDetectionEnabled,
            "make the processor with isVoiceDetectionEnabled to classify with it")
        self.processor = processor
    }

    /// webrtc's decision for the processor's last capture block; `block` must be that block.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    public func isSpeech(_ block: UnsafeBufferPointer<Float>) -> Bool { self.processor.hasVoice }
}

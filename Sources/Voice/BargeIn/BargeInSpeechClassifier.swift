/// The speech decision the barge-in detector asks about every block while the agent may be heard.
///
/// The detector's energy tests say "something other than the agent's echo is in the capture"; a classifier says
/// whether that something is speech (not a cough, a door or a burst of line noise). It is a generic parameter of
/// `BargeInDetector`, so calls are direct, not through an existential.
///
/// Real-time safe: implementations must not allocate, lock, log or throw. Audio thread only.
public protocol BargeInSpeechClassifier {
    /// Whether `block` (the detector's residual: the capture with its own echo estimate removed) holds speech.
    ///
    /// Asked about every block, in order, so that a classifier can track its noise floor.
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

/// Attendant's own voice-activity detector (`VoiceActivityDetector`) on the detector's residual, with the
/// `VoiceActivityCombiner.bargeIn` constants this classifier's threshold and the detector's margins were tuned with.
///
/// Real-time safe: no locks, no allocation once made. Audio thread only.
public struct VoiceActivityClassifier: BargeInSpeechClassifier {
    /// The detector that judges each block.
    public let detector: VoiceActivityDetector

    /// The combiner's probability (before hangover) that counts as speech. Lower than the detector's own onset
    /// threshold: the power tests have already said that something other than the echo is there, and each block
    /// the classifier waits is 10 ms of the agent talking over the caller.
    public var speechProbability: Float = 0.3

    /// Makes a classifier with a detector of its own.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `VoiceActivityError.unsupportedSampleRate` unless `sampleRate` is 8000 or 16000.
    public init(sampleRate: Int) throws(VoiceActivityError) {
        self.detector = try VoiceActivityDetector(sampleRate: sampleRate, combiner: .bargeIn)
    }

    /// The detector's decision for `block`, 10 ms at its rate.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    public func isSpeech(_ block: UnsafeBufferPointer<Float>) -> Bool {
        let activity = self.detector.process(block)
        return activity.isSpeech || activity.probability >= self.speechProbability
    }
}

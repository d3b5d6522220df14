/// What the echo canceller reports about the echo path: its delay estimate and how much echo it removes.
///
/// The processor polls webrtc for these once a second on the audio thread and publishes them; a value of `nil`
/// means webrtc has not measured it yet (too little far-end audio so far) or the canceller is off.
///
/// Real-time safe: no locks, no allocation. Any thread.
public struct EchoMetrics: Hashable, Sendable {
    /// The median of the canceller's delay estimates over the last second, in milliseconds: how far the echo
    /// lags the far-end reference beyond `streamDelayMilliseconds`.
    ///
    /// With `isEchoDelayAgnostic` (the default) this is not the echo path's delay: webrtc 0.3 first shifts its
    /// far-end buffer by the delay its own estimator found and then reports what is left after that shift, so a
    /// real 200 ms path at 16 kHz reads as about 20 ms once the canceller has locked on. For the whole path use
    /// `BargeInDetector.echoDelayMilliseconds`, which measures it from the reference and the raw capture.
    public var medianDelayMilliseconds: Int?

    /// The spread of those estimates, in milliseconds.
    public var delayStandardDeviationMilliseconds: Int?

    /// The fraction (0...1) of delay estimates webrtc judged too far off for the filter to use.
    public var fractionPoorDelays: Float?

    /// Echo return loss in dB: far-end power over the echo's power in the capture, averaged.
    public var echoReturnLossDB: Int?

    /// Echo return loss enhancement in dB: the echo's power in the capture over the output's, averaged.
    public var echoReturnLossEnhancementDB: Int?

    /// Makes a report; the processor makes these.
    public init(
        medianDelayMilliseconds: Int? = nil, delayStandardDeviationMilliseconds: Int? = nil,
        fractionPoorDelays: Float? = nil, echoReturnLossDB: Int? = nil, echoReturnLossEnhancementDB: Int? = nil
    ) {
        self.medianDelayMilliseconds = medianDelayMilliseconds
        self.delayStandardDeviationMilliseconds = delayStandardDeviationMilliseconds
        self.fractionPoorDelays = fractionPoorDelays
        self.echoReturnLossDB = echoReturnLossDB
        self.echoReturnLossEnhancementDB = echoReturnLossEnhancementDB
    }
}

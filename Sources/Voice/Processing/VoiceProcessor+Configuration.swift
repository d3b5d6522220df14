import WebRTCShim

extension VoiceProcessor {
    /// What one call's processor does: its rate, its profile and the settings of each component.
    ///
    /// `init(profile:sampleRate:)` switches the components on as the profile says; each switch may then be
    /// changed, for example to measure the echo canceller alone.
    ///
    /// Real-time safe: no locks, no allocation. Any thread.
    public struct Configuration: Hashable, Sendable {
        /// Frames per second: one of `VoiceProcessor.supportedSampleRates`.
        public var sampleRate: Int

        /// The profile the switches were taken from.
        public var profile: VoiceProcessingProfile

        /// The high-pass filter that removes hum and DC below about 80 Hz.
        public var isHighPassFilterEnabled = true

        /// The noise suppressor.
        public var isNoiseSuppressionEnabled = true

        /// How hard the noise suppressor works.
        public var noiseSuppressionLevel = NoiseSuppressionLevel.moderate

        /// The adaptive digital gain control, which levels quiet and loud callers.
        public var isGainControlEnabled = true

        /// The level the gain control aims the speech peaks at, in dB below full scale (0...31).
        public var gainTargetLevelDBFS = 3

        /// The most gain the gain control adds, in dB (0...90).
        public var gainCompressionGainDB = 9

        /// The limiter that keeps the gain control's output below the target.
        public var isGainLimiterEnabled = true

        /// The acoustic echo canceller (`headset` only by default).
        public var isEchoCancellationEnabled: Bool

        /// How hard the canceller's non-linear stage suppresses residual echo.
        public var echoSuppressionLevel = EchoSuppressionLevel.moderate

        /// Whether the canceller finds the echo delay itself rather than trusting `streamDelayMilliseconds`.
        ///
        /// On by default: a desk box's sound card does not report its delay reliably.
        public var isEchoDelayAgnostic = true

        /// Whether the canceller uses its 128 ms filter instead of 48 ms (longer echo tails, more cost).
        public var isEchoExtendedFilterEnabled = true

        /// The delay between handing a far-end block to `analyzeRender` and its echo reaching `processCapture`,
        /// as the device reports it (0...500 ms). With `isEchoDelayAgnostic` it is a starting hint.
        public var streamDelayMilliseconds = 0

        /// webrtc's own voice detector on the processed capture (`VoiceProcessor.hasVoice`); costs a little.
        public var isVoiceDetectionEnabled = false

        /// Makes the configuration of `profile` at `sampleRate`.
        ///
        /// The rate is checked when the processor is made, so that a file's wrong rate gives an error there.
        public init(profile: VoiceProcessingProfile, sampleRate: Int) {
            self.sampleRate = sampleRate
            self.profile = profile
            self.isEchoCancellationEnabled = profile.isEchoCancellationEnabled
        }

        /// How hard the echo canceller's non-linear stage suppresses what the linear filter leaves.
        public enum EchoSuppressionLevel: Int, Hashable, Sendable, CaseIterable {
            /// Keeps the most of a caller talking over the agent.
            case low = 0
            /// webrtc's default.
            case moderate = 1
            /// Removes the most echo and clips double talk the most.
            case high = 2
        }

        /// The range `gainTargetLevelDBFS` accepts.
        public static let gainTargetLevelRange = 0...31

        /// The range `gainCompressionGainDB` accepts.
        public static let gainCompressionGainRange = 0...90

        /// The range `streamDelayMilliseconds` accepts.
        public static let streamDelayRange = 0...500

        /// Checks every value and returns the shim's two structs.
        func shimSettings() throws(VoiceProcessingError) -> (attendant_webrtc_config, attendant_webrtc_tuning) {
            guard VoiceProcessor.supportedSampleRates.contains(self.sampleRate) else {
                throw .unsupportedSampleRate(self.sampleRate)
            }
            try Self.check("gainTargetLevelDBFS", self.gainTargetLevelDBFS, Self.gainTargetLevelRange)
            try Self.check("gainCompressionGainDB", self.gainCompressionGainDB, Self.gainCompressionGainRange)
            try Self.check("streamDelayMilliseconds", self.streamDelayMilliseconds, Self.streamDelayRange)

            let config = attendant_webrtc_config(
                sampleRate: Int32(self.sampleRate), isHighPassFilterEnabled: self.isHighPassFilterEnabled,
                isNoiseSuppressionEnabled: self.isNoiseSuppressionEnabled,
                noiseSuppressionLevel: self.noiseSuppressionLevel.shimLevel,
                isGainControlEnabled: self.isGainControlEnabled,
                isEchoCancellationEnabled: self.isEchoCancellationEnabled,
                isVoiceDetectionEnabled: self.isVoiceDetectionEnabled)
            var tuning = WebRTCProcessorHandle.defaultTuning
            tuning.gainTargetLevelDBFS = Int32(self.gainTargetLevelDBFS)
            tuning.gainCompressionGainDB = Int32(self.gainCompressionGainDB)
            tuning.isGainLimiterEnabled = self.isGainLimiterEnabled
            tuning.echoSuppressionLevel = Int32(self.echoSuppressionLevel.rawValue)
            tuning.isEchoDelayAgnostic = self.isEchoDelayAgnostic
            tuning.isEchoExtendedFilterEnabled = self.isEchoExtendedFilterEnabled
            tuning.areEchoMetricsEnabled = self.isEchoCancellationEnabled
            return (config, tuning)
        }

        private static func check(
            _ name: String, _ value: Int, _ range: ClosedRange<Int>
        ) throws(VoiceProcessingError) {
            guard range.contains(value) else { throw .invalidSetting(name: name, value: value, range: range) }
        }
    }
}

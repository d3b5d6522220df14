import WebRTCShim

/// One webrtc audio processor from the shim; every call into `attendant_webrtc_processor_*` goes through here.
///
/// The methods return webrtc's status codes unchanged (0 or a negative `WebRTCError` code) so that the audio path
/// can count them without throwing.
///
/// Thread rule: made and freed on the control thread; every other method on the one thread that processes the
/// call's capture stream. webrtc takes uncontended internal locks inside each call.
final class WebRTCProcessorHandle {
    private let processor: OpaquePointer

    /// Frames in one 10 ms block at the processor's rate.
    let frameCount: Int

    /// Creates and configures a processor (`attendant_webrtc_processor_create_tuned`).
    ///
    /// Not real-time safe: allocates.
    init(config: attendant_webrtc_config, tuning: attendant_webrtc_tuning) throws(WebRTCError) {
        var config = config
        var tuning = tuning
        var status: Int32 = 0
        guard let processor = attendant_webrtc_processor_create_tuned(&config, &tuning, &status) else {
            throw WebRTCError(rawValue: status == 0 ? WebRTCError.creationFailed.rawValue : status)
        }
        self.processor = processor
        self.frameCount = Int(config.sampleRate) / 100
    }

    deinit {
        attendant_webrtc_processor_destroy(self.processor)
    }

    /// `attendant_webrtc_processor_process_capture`: one block, in place.
    ///
    /// Real-time safe: no allocation; webrtc's capture lock, uncontended.
    func processCapture(_ samples: UnsafeMutableBufferPointer<Float>) -> Int32 {
        attendant_webrtc_processor_process_capture(self.processor, samples.baseAddress, samples.count)
    }

    /// `attendant_webrtc_processor_analyze_render`: one block of the far-end reference.
    ///
    /// Real-time safe: no allocation; webrtc's render lock, uncontended.
    func analyzeRender(_ samples: UnsafeBufferPointer<Float>) -> Int32 {
        attendant_webrtc_processor_analyze_render(self.processor, samples.baseAddress, samples.count)
    }

    /// `attendant_webrtc_processor_set_stream_delay`, needed before each capture block while the echo canceller
    /// runs.
    ///
    /// Real-time safe: no allocation.
    func setStreamDelay(milliseconds: Int32) -> Int32 {
        attendant_webrtc_processor_set_stream_delay(self.processor, milliseconds)
    }

    /// `attendant_webrtc_processor_has_voice` for the last capture block.
    ///
    /// Real-time safe: no locks, no allocation.
    var hasVoice: Bool { attendant_webrtc_processor_has_voice(self.processor) }

    /// `attendant_webrtc_processor_has_echo` for the last capture block.
    ///
    /// Real-time safe: no locks, no allocation.
    var hasEcho: Bool { attendant_webrtc_processor_has_echo(self.processor) }

    /// `attendant_webrtc_processor_delay_metrics`: median and standard deviation in ms, fraction of poor
    /// estimates.
    ///
    /// Real-time safe: no allocation; webrtc's capture lock, uncontended.
    func delayMetrics() -> (status: Int32, median: Int32, standardDeviation: Int32, fractionPoor: Float) {
        var median: Int32 = -1
        var deviation: Int32 = -1
        var poor: Float = -1
        let status = attendant_webrtc_processor_delay_metrics(self.processor, &median, &deviation, &poor)
        return (status, median, deviation, poor)
    }

    /// `attendant_webrtc_processor_echo_metrics`: ERL, ERLE, RERL and A_NLP averages in dB.
    ///
    /// Real-time safe: no allocation; webrtc's capture lock, uncontended.
    func echoMetrics() -> (status: Int32, metrics: attendant_webrtc_echo_metrics) {
        var metrics = attendant_webrtc_echo_metrics()
        let status = attendant_webrtc_processor_echo_metrics(self.processor, &metrics)
        return (status, metrics)
    }

    /// The shim's default tuning (`attendant_webrtc_tuning_default`).
    static var defaultTuning: attendant_webrtc_tuning { attendant_webrtc_tuning_default() }
}

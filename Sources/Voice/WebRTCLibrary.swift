import WebRTCShim

/// webrtc-audio-processing, reached through the project's C shim.
///
/// Not real-time safe: control thread only.
public enum WebRTCLibrary {
    /// Whether an audio processor with every component enabled can be created and run at `sampleRate`.
    ///
    /// Used as a health check at startup and in tests.
    public static func canProcess(sampleRate: Int32) -> Bool {
        var config = attendant_webrtc_config(
            sampleRate: sampleRate, isHighPassFilterEnabled: true, isNoiseSuppressionEnabled: true,
            noiseSuppressionLevel: 1, isGainControlEnabled: true, isEchoCancellationEnabled: true,
            isVoiceDetectionEnabled: true)
        var error: Int32 = 0
        guard let processor = attendant_webrtc_processor_create(&config, &error) else { return false }
        defer { attendant_webrtc_processor_destroy(processor) }

        var block = [Float](repeating: 0, count: Int(sampleRate) / 100)
        let renderStatus = block.withUnsafeBufferPointer {
            attendant_webrtc_processor_analyze_render(processor, $0.baseAddress, $0.count)
        }
        _ = attendant_webrtc_processor_set_stream_delay(processor, 0)
        let captureStatus = block.withUnsafeMutableBufferPointer {
            attendant_webrtc_processor_process_capture(processor, $0.baseAddress, $0.count)
        }
        return renderStatus == 0 && captureStatus == 0
    }
}

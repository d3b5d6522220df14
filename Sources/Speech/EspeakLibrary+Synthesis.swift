import CEspeakNG
import Glibc

extension EspeakLibrary {
    /// Synthesizes `text` with the espeak-ng voice `voiceName`, the same samples every time.
    ///
    /// espeak-ng was initialized for synchronous output, so `espeak_Synth` calls the sample callback for every
    /// buffer before it returns; the callback appends into a collector passed as the call's user data. The voice
    /// selected here stays selected for later calls, including `phonemes(_:)`, which selects its own.
    ///
    /// Not real-time safe: control thread only; takes the library's lock for the whole utterance.
    ///
    /// - Parameters:
    ///   - text: UTF-8 text to speak.
    ///   - voiceName: an espeak-ng voice name, for example `en-us`.
    /// - Returns: the samples and their rate (22 050 Hz for the stock voices), or `nil` when the library or the
    ///   voice's data is missing or espeak produced nothing.
    public static func synthesize(_ text: String, voiceName: String = "en-us") -> (samples: [Int16], sampleRate: Int)? {
        guard let sampleRate = self.initializeForSynthesis() else { return nil }
        return self.lock.withLock { _ -> (samples: [Int16], sampleRate: Int)? in
            guard espeak_SetVoiceByName(voiceName) == EE_OK else { return nil }
            espeak_SetSynthCallback(collectEspeakSamples)

            let collector = EspeakSampleCollector()
            let status = withExtendedLifetime(collector) {
                text.withCString { start in
                    espeak_Synth(
                        start, strlen(start) + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                        Unmanaged.passUnretained(collector).toOpaque())
                }
            }
            guard status == EE_OK, !collector.samples.isEmpty else { return nil }
            return (collector.samples, sampleRate)
        }
    }
}

/// Where the sample callback puts one utterance's samples; lives for one `espeak_Synth` call, under the lock.
private final class EspeakSampleCollector {
    var samples: [Int16] = []
}

/// espeak-ng's synthesis callback: appends each buffer to the collector named by the events' user data.
private func collectEspeakSamples(
    _ samples: UnsafeMutablePointer<Int16>?, _ sampleCount: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    guard let samples, sampleCount > 0, let userData = events?.pointee.user_data else { return 0 }
    let collector = Unmanaged<EspeakSampleCollector>.fromOpaque(userData).takeUnretainedValue()
    collector.samples.append(contentsOf: UnsafeBufferPointer(start: samples, count: Int(sampleCount)))
    return 0
}

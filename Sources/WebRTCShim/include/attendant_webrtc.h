#ifndef ATTENDANT_WEBRTC_H
#define ATTENDANT_WEBRTC_H

// A plain C interface to webrtc-audio-processing 0.3 (a C++ library). Every function is safe to call from C and
// Swift; none throws. Functions that return int return 0 on success or a negative webrtc error code.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque handle to one webrtc::AudioProcessing instance (one per call).
typedef struct attendant_webrtc_processor attendant_webrtc_processor;

/// What one processor does to the near-end (caller's) stream.
typedef struct attendant_webrtc_config {
    int32_t sampleRate;          ///< 8000, 16000, 32000 or 48000.
    bool isHighPassFilterEnabled;
    bool isNoiseSuppressionEnabled;
    int32_t noiseSuppressionLevel; ///< 0 low, 1 moderate, 2 high, 3 very high.
    bool isGainControlEnabled;     ///< Adaptive digital AGC.
    bool isEchoCancellationEnabled;
    bool isVoiceDetectionEnabled;
} attendant_webrtc_config;

/// Creates and configures a processor. Allocates; not real-time safe. Returns NULL on failure and, when `error`
/// is not NULL, stores the webrtc error code there.
attendant_webrtc_processor *attendant_webrtc_processor_create(const attendant_webrtc_config *config, int *error);

/// Settings beyond the on/off switches of `attendant_webrtc_config`. Zero-initialising this struct does not give
/// webrtc's defaults; use `attendant_webrtc_tuning_default()`.
typedef struct attendant_webrtc_tuning {
    int32_t gainTargetLevelDBFS;     ///< AGC target peak level below full scale, 0 to 31 (webrtc's default 3).
    int32_t gainCompressionGainDB;   ///< AGC maximum digital gain, 0 to 90 dB (webrtc's default 9).
    bool isGainLimiterEnabled;       ///< AGC limiter that keeps the output below the target (default on).
    int32_t echoSuppressionLevel;    ///< AEC non-linear suppression: 0 low, 1 moderate (default), 2 high.
    bool isEchoDelayAgnostic;        ///< AEC estimates the echo delay itself instead of trusting set_stream_delay.
    bool isEchoExtendedFilterEnabled; ///< AEC filter of 128 ms instead of 48 ms, robust to delay errors.
    bool areEchoMetricsEnabled;      ///< AEC computes ERL/ERLE (`attendant_webrtc_processor_echo_metrics`).
} attendant_webrtc_tuning;

/// webrtc's own defaults for every tuning field (target -3 dBFS, 9 dB compression, limiter on, moderate echo
/// suppression, reported delays trusted, 48 ms filter, metrics off).
attendant_webrtc_tuning attendant_webrtc_tuning_default(void);

/// Creates a processor as `attendant_webrtc_processor_create` does, then applies `tuning` (NULL: the defaults).
/// webrtc's experimental AGC (an analog-microphone controller) is switched off, so the AGC is purely digital.
/// Echo drift compensation stays off: capture and render run on one clock here. Allocates; not real-time safe.
attendant_webrtc_processor *attendant_webrtc_processor_create_tuned(const attendant_webrtc_config *config,
                                                                    const attendant_webrtc_tuning *tuning,
                                                                    int *error);

/// Frees a processor created by `attendant_webrtc_processor_create`. NULL is ignored.
void attendant_webrtc_processor_destroy(attendant_webrtc_processor *processor);

/// Processes one 10 ms block of mono near-end audio in place (floats in [-1, 1]). `frameCount` must be
/// sampleRate / 100.
int attendant_webrtc_processor_process_capture(attendant_webrtc_processor *processor, float *samples,
                                               size_t frameCount);

/// Feeds one 10 ms block of the far-end (agent's own outgoing) audio as the echo reference.
int attendant_webrtc_processor_analyze_render(attendant_webrtc_processor *processor, const float *samples,
                                              size_t frameCount);

/// Sets the delay between render analysis and capture processing, for the echo canceller.
int attendant_webrtc_processor_set_stream_delay(attendant_webrtc_processor *processor, int32_t milliseconds);

/// Whether the last processed capture block held voice (needs isVoiceDetectionEnabled).
bool attendant_webrtc_processor_has_voice(const attendant_webrtc_processor *processor);

/// Whether the echo canceller judged that the last processed capture block might hold echo (false when the
/// canceller is off).
bool attendant_webrtc_processor_has_echo(const attendant_webrtc_processor *processor);

/// The echo canceller's delay estimate: `median` and `standardDeviation` in milliseconds over the last second,
/// and the fraction of estimates too poor for the canceller to use (0 to 1). Wraps
/// `EchoCancellation::GetDelayMetrics`; needs the canceller on. Before enough far-end audio arrives the values
/// are -1. Takes the capture lock inside webrtc, so call it from the thread that processes capture.
int attendant_webrtc_processor_delay_metrics(attendant_webrtc_processor *processor, int32_t *median,
                                             int32_t *standardDeviation, float *fractionPoorDelays);

/// The echo canceller's loss figures in whole dB, each the average since the last reset of webrtc's statistics
/// (`EchoCancellation::GetMetrics`, the `average` member); needs the canceller on and metrics enabled in
/// the tuning. -100 means not yet measured.
typedef struct attendant_webrtc_echo_metrics {
    int32_t echoReturnLoss;            ///< ERL: far-end power over near-end echo power.
    int32_t echoReturnLossEnhancement; ///< ERLE: near-end echo power over output power.
    int32_t residualEchoReturnLoss;    ///< RERL = ERL + ERLE.
    int32_t preProcessorAttenuation;   ///< A_NLP: near-end echo over the power before non-linear suppression.
} attendant_webrtc_echo_metrics;

/// Fills `metrics` from `EchoCancellation::GetMetrics`. Same thread rule as the delay metrics.
int attendant_webrtc_processor_echo_metrics(attendant_webrtc_processor *processor,
                                            attendant_webrtc_echo_metrics *metrics);

/// Opaque handle to WebRTC's stand-alone voice-activity detector (its GMM VAD).
typedef struct attendant_webrtc_vad attendant_webrtc_vad;

/// Creates a VAD with aggressiveness `mode` (0 to 3). Returns NULL on failure.
attendant_webrtc_vad *attendant_webrtc_vad_create(int32_t mode);

/// Frees a VAD. NULL is ignored.
void attendant_webrtc_vad_destroy(attendant_webrtc_vad *vad);

/// Classifies one 10, 20 or 30 ms block of 16-bit mono audio at 8, 16, 32 or 48 kHz. Returns 1 voice, 0 not, -1
/// for an invalid rate or length.
int attendant_webrtc_vad_process(attendant_webrtc_vad *vad, int32_t sampleRate, const int16_t *samples,
                                 size_t frameCount);

#ifdef __cplusplus
}
#endif

#endif

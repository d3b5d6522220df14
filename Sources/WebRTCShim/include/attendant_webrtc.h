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

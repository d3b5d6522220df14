#include "attendant_webrtc.h"

#include <new>

#include <webrtc/modules/audio_processing/include/audio_processing.h>

// The VAD's C functions are exported by libwebrtc_audio_processing, but Debian ships no header for them.
extern "C" {
typedef struct WebRtcVadInst VadInst;
VadInst *WebRtcVad_Create(void);
void WebRtcVad_Free(VadInst *handle);
int WebRtcVad_Init(VadInst *handle);
int WebRtcVad_set_mode(VadInst *handle, int mode);
int WebRtcVad_Process(VadInst *handle, int fs, const int16_t *audio_frame, size_t frame_length);
}

struct attendant_webrtc_processor {
    webrtc::AudioProcessing *processing;
    int32_t sampleRate;
};

namespace {

bool isSupportedRate(int32_t sampleRate) {
    return sampleRate == 8000 || sampleRate == 16000 || sampleRate == 32000 || sampleRate == 48000;
}

int configure(webrtc::AudioProcessing *processing, const attendant_webrtc_config &config) {
    int status = processing->high_pass_filter()->Enable(config.isHighPassFilterEnabled);
    if (status != webrtc::AudioProcessing::kNoError) return status;

    if (config.isNoiseSuppressionEnabled) {
        webrtc::NoiseSuppression::Level level = webrtc::NoiseSuppression::kModerate;
        switch (config.noiseSuppressionLevel) {
        case 0: level = webrtc::NoiseSuppression::kLow; break;
        case 1: level = webrtc::NoiseSuppression::kModerate; break;
        case 2: level = webrtc::NoiseSuppression::kHigh; break;
        case 3: level = webrtc::NoiseSuppression::kVeryHigh; break;
        default: return webrtc::AudioProcessing::kBadParameterError;
        }
        status = processing->noise_suppression()->set_level(level);
        if (status != webrtc::AudioProcessing::kNoError) return status;
    }
    status = processing->noise_suppression()->Enable(config.isNoiseSuppressionEnabled);
    if (status != webrtc::AudioProcessing::kNoError) return status;

    if (config.isGainControlEnabled) {
        status = processing->gain_control()->set_mode(webrtc::GainControl::kAdaptiveDigital);
        if (status != webrtc::AudioProcessing::kNoError) return status;
    }
    status = processing->gain_control()->Enable(config.isGainControlEnabled);
    if (status != webrtc::AudioProcessing::kNoError) return status;

    status = processing->echo_cancellation()->Enable(config.isEchoCancellationEnabled);
    if (status != webrtc::AudioProcessing::kNoError) return status;
    if (config.isEchoCancellationEnabled) {
        status = processing->echo_cancellation()->enable_delay_logging(true);
        if (status != webrtc::AudioProcessing::kNoError) return status;
    }

    return processing->voice_detection()->Enable(config.isVoiceDetectionEnabled);
}

} // namespace

extern "C" attendant_webrtc_processor *attendant_webrtc_processor_create(const attendant_webrtc_config *config,
                                                                         int *error) {
    int status = webrtc::AudioProcessing::kNullPointerError;
    attendant_webrtc_processor *processor = nullptr;
    if (config != nullptr && !isSupportedRate(config->sampleRate)) {
        status = webrtc::AudioProcessing::kBadSampleRateError;
    } else if (config != nullptr) {
        webrtc::AudioProcessing *processing = webrtc::AudioProcessing::Create();
        status = webrtc::AudioProcessing::kCreationFailedError;
        if (processing != nullptr) {
            status = configure(processing, *config);
            if (status == webrtc::AudioProcessing::kNoError) {
                processor = new (std::nothrow) attendant_webrtc_processor{processing, config->sampleRate};
                if (processor == nullptr) status = webrtc::AudioProcessing::kCreationFailedError;
            }
            if (processor == nullptr) delete processing;
        }
    }
    if (error != nullptr) *error = status;
    return processor;
}

extern "C" void attendant_webrtc_processor_destroy(attendant_webrtc_processor *processor) {
    if (processor == nullptr) return;
    delete processor->processing;
    delete processor;
}

extern "C" int attendant_webrtc_processor_process_capture(attendant_webrtc_processor *processor, float *samples,
                                                          size_t frameCount) {
    if (processor == nullptr || samples == nullptr) return webrtc::AudioProcessing::kNullPointerError;
    if (frameCount != static_cast<size_t>(processor->sampleRate / 100)) {
        return webrtc::AudioProcessing::kBadDataLengthError;
    }
    float *channels[1] = {samples};
    return processor->processing->ProcessStream(channels, frameCount, processor->sampleRate,
                                                webrtc::AudioProcessing::kMono, processor->sampleRate,
                                                webrtc::AudioProcessing::kMono, channels);
}

extern "C" int attendant_webrtc_processor_analyze_render(attendant_webrtc_processor *processor, const float *samples,
                                                         size_t frameCount) {
    if (processor == nullptr || samples == nullptr) return webrtc::AudioProcessing::kNullPointerError;
    if (frameCount != static_cast<size_t>(processor->sampleRate / 100)) {
        return webrtc::AudioProcessing::kBadDataLengthError;
    }
    const float *channels[1] = {samples};
    return processor->processing->AnalyzeReverseStream(channels, frameCount, processor->sampleRate,
                                                       webrtc::AudioProcessing::kMono);
}

extern "C" int attendant_webrtc_processor_set_stream_delay(attendant_webrtc_processor *processor,
                                                           int32_t milliseconds) {
    if (processor == nullptr) return webrtc::AudioProcessing::kNullPointerError;
    return processor->processing->set_stream_delay_ms(milliseconds);
}

extern "C" bool attendant_webrtc_processor_has_voice(const attendant_webrtc_processor *processor) {
    if (processor == nullptr) return false;
    return processor->processing->voice_detection()->stream_has_voice();
}

struct attendant_webrtc_vad {
    VadInst *instance;
};

extern "C" attendant_webrtc_vad *attendant_webrtc_vad_create(int32_t mode) {
    VadInst *instance = WebRtcVad_Create();
    if (instance == nullptr) return nullptr;
    if (WebRtcVad_Init(instance) != 0 || WebRtcVad_set_mode(instance, mode) != 0) {
        WebRtcVad_Free(instance);
        return nullptr;
    }
    attendant_webrtc_vad *vad = new (std::nothrow) attendant_webrtc_vad{instance};
    if (vad == nullptr) WebRtcVad_Free(instance);
    return vad;
}

extern "C" void attendant_webrtc_vad_destroy(attendant_webrtc_vad *vad) {
    if (vad == nullptr) return;
    WebRtcVad_Free(vad->instance);
    delete vad;
}

extern "C" int attendant_webrtc_vad_process(attendant_webrtc_vad *vad, int32_t sampleRate, const int16_t *samples,
                                            size_t frameCount) {
    if (vad == nullptr || samples == nullptr) return -1;
    return WebRtcVad_Process(vad->instance, sampleRate, samples, frameCount);
}

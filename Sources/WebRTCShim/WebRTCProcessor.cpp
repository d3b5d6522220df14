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

int configure(webrtc::AudioProcessing *processing, const attendant_webrtc_config &config,
              const attendant_webrtc_tuning &tuning) {
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
        status = processing->gain_control()->set_target_level_dbfs(tuning.gainTargetLevelDBFS);
        if (status != webrtc::AudioProcessing::kNoError) return status;
        status = processing->gain_control()->set_compression_gain_db(tuning.gainCompressionGainDB);
        if (status != webrtc::AudioProcessing::kNoError) return status;
        status = processing->gain_control()->enable_limiter(tuning.isGainLimiterEnabled);
        if (status != webrtc::AudioProcessing::kNoError) return status;
    }
    status = processing->gain_control()->Enable(config.isGainControlEnabled);
    if (status != webrtc::AudioProcessing::kNoError) return status;

    status = processing->echo_cancellation()->Enable(config.isEchoCancellationEnabled);
    if (status != webrtc::AudioProcessing::kNoError) return status;
    if (config.isEchoCancellationEnabled) {
        webrtc::EchoCancellation *echo = processing->echo_cancellation();
        webrtc::EchoCancellation::SuppressionLevel level = webrtc::EchoCancellation::kModerateSuppression;
        switch (tuning.echoSuppressionLevel) {
        case 0: level = webrtc::EchoCancellation::kLowSuppression; break;
        case 1: level = webrtc::EchoCancellation::kModerateSuppression; break;
        case 2: level = webrtc::EchoCancellation::kHighSuppression; break;
        default: return webrtc::AudioProcessing::kBadParameterError;
        }
        status = echo->set_suppression_level(level);
        if (status != webrtc::AudioProcessing::kNoError) return status;
        status = echo->enable_drift_compensation(false);
        if (status != webrtc::AudioProcessing::kNoError) return status;
        status = echo->enable_metrics(tuning.areEchoMetricsEnabled);
        if (status != webrtc::AudioProcessing::kNoError) return status;
        status = echo->enable_delay_logging(true);
        if (status != webrtc::AudioProcessing::kNoError) return status;
    }

    return processing->voice_detection()->Enable(config.isVoiceDetectionEnabled);
}

} // namespace

extern "C" attendant_webrtc_tuning attendant_webrtc_tuning_default(void) {
    attendant_webrtc_tuning tuning;
    tuning.gainTargetLevelDBFS = 3;
    tuning.gainCompressionGainDB = 9;
    tuning.isGainLimiterEnabled = true;
    tuning.echoSuppressionLevel = 1;
    tuning.isEchoDelayAgnostic = false;
    tuning.isEchoExtendedFilterEnabled = false;
    tuning.areEchoMetricsEnabled = false;
    return tuning;
}

extern "C" attendant_webrtc_processor *attendant_webrtc_processor_create_tuned(const attendant_webrtc_config *config,
                                                                               const attendant_webrtc_tuning *tuning,
                                                                               int *error) {
    int status = webrtc::AudioProcessing::kNullPointerError;
    attendant_webrtc_processor *processor = nullptr;
    const attendant_webrtc_tuning settings = tuning != nullptr ? *tuning : attendant_webrtc_tuning_default();
    if (config != nullptr && !isSupportedRate(config->sampleRate)) {
        status = webrtc::AudioProcessing::kBadSampleRateError;
    } else if (config != nullptr) {
        // Options that only the constructor reads. The experimental AGC drives an analog microphone level that
        // does not exist here; without switching it off it would sit beside the digital AGC.
        webrtc::Config options;
        options.Set<webrtc::ExperimentalAgc>(new webrtc::ExperimentalAgc(false));
        options.Set<webrtc::DelayAgnostic>(new webrtc::DelayAgnostic(settings.isEchoDelayAgnostic));
        options.Set<webrtc::ExtendedFilter>(new webrtc::ExtendedFilter(settings.isEchoExtendedFilterEnabled));
        webrtc::AudioProcessing *processing = webrtc::AudioProcessing::Create(options);
        status = webrtc::AudioProcessing::kCreationFailedError;
        if (processing != nullptr) {
            status = configure(processing, *config, settings);
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

extern "C" attendant_webrtc_processor *attendant_webrtc_processor_create(const attendant_webrtc_config *config,
                                                                         int *error) {
    return attendant_webrtc_processor_create_tuned(config, nullptr, error);
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

extern "C" bool attendant_webrtc_processor_has_echo(const attendant_webrtc_processor *processor) {
    if (processor == nullptr) return false;
    const webrtc::EchoCancellation *echo = processor->processing->echo_cancellation();
    return echo->is_enabled() && echo->stream_has_echo();
}

extern "C" int attendant_webrtc_processor_delay_metrics(attendant_webrtc_processor *processor, int32_t *median,
                                                        int32_t *standardDeviation, float *fractionPoorDelays) {
    if (processor == nullptr || median == nullptr || standardDeviation == nullptr || fractionPoorDelays == nullptr) {
        return webrtc::AudioProcessing::kNullPointerError;
    }
    int medianValue = -1;
    int deviationValue = -1;
    float poor = -1;
    int status = processor->processing->echo_cancellation()->GetDelayMetrics(&medianValue, &deviationValue, &poor);
    *median = medianValue;
    *standardDeviation = deviationValue;
    *fractionPoorDelays = poor;
    return status;
}

extern "C" int attendant_webrtc_processor_echo_metrics(attendant_webrtc_processor *processor,
                                                       attendant_webrtc_echo_metrics *metrics) {
    if (processor == nullptr || metrics == nullptr) return webrtc::AudioProcessing::kNullPointerError;
    webrtc::EchoCancellation::Metrics values;
    int status = processor->processing->echo_cancellation()->GetMetrics(&values);
    if (status != webrtc::AudioProcessing::kNoError) return status;
    metrics->echoReturnLoss = values.echo_return_loss.average;
    metrics->echoReturnLossEnhancement = values.echo_return_loss_enhancement.average;
    metrics->residualEchoReturnLoss = values.residual_echo_return_loss.average;
    metrics->preProcessorAttenuation = values.a_nlp.average;
    return status;
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

#ifndef ATTENDANT_COPUS_SHIM_H
#define ATTENDANT_COPUS_SHIM_H

#include <opus.h>

// `opus_encoder_ctl` and `opus_decoder_ctl` are variadic macros over variadic functions; Swift can call neither.
// Each control the project uses gets one typed function here. All return OPUS_OK or a negative Opus error code.

static inline int attendant_opus_encoder_set_complexity(OpusEncoder *encoder, opus_int32 complexity) {
    return opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(complexity));
}

static inline int attendant_opus_encoder_set_bitrate(OpusEncoder *encoder, opus_int32 bitsPerSecond) {
    return opus_encoder_ctl(encoder, OPUS_SET_BITRATE(bitsPerSecond));
}

static inline int attendant_opus_encoder_set_inband_fec(OpusEncoder *encoder, opus_int32 isEnabled) {
    return opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(isEnabled));
}

static inline int attendant_opus_encoder_set_packet_loss_percentage(OpusEncoder *encoder, opus_int32 percentage) {
    return opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC(percentage));
}

static inline int attendant_opus_encoder_set_signal_voice(OpusEncoder *encoder) {
    return opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
}

static inline int attendant_opus_encoder_set_dtx(OpusEncoder *encoder, opus_int32 isEnabled) {
    return opus_encoder_ctl(encoder, OPUS_SET_DTX(isEnabled));
}

static inline int attendant_opus_encoder_get_lookahead(OpusEncoder *encoder, opus_int32 *frameCount) {
    return opus_encoder_ctl(encoder, OPUS_GET_LOOKAHEAD(frameCount));
}

static inline int attendant_opus_encoder_reset(OpusEncoder *encoder) {
    return opus_encoder_ctl(encoder, OPUS_RESET_STATE);
}

static inline int attendant_opus_decoder_reset(OpusDecoder *decoder) {
    return opus_decoder_ctl(decoder, OPUS_RESET_STATE);
}

static inline int attendant_opus_decoder_get_last_packet_duration(OpusDecoder *decoder, opus_int32 *frameCount) {
    return opus_decoder_ctl(decoder, OPUS_GET_LAST_PACKET_DURATION(frameCount));
}

#endif

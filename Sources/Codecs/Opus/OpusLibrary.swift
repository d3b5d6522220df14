import COpus

/// Every call into libopus goes through here; the rest of the module sees Swift types.
///
/// The encoder and decoder states are opaque C structs, so they appear as `OpaquePointer`. Each function names the
/// libopus function it wraps and returns libopus's status unchanged: a byte or frame count when it is zero or
/// more, a negative Opus error code otherwise.
enum OpusLibrary {
    /// `opus_strerror`: the library's message for an error code. Returns a static string; this copies it.
    static func message(forErrorCode code: Int32) -> String {
        String(cString: opus_strerror(code))
    }

    /// `opus_encoder_create` with `OPUS_APPLICATION_VOIP`, tuned for speech.
    static func makeVoiceEncoder(sampleRate: Int32, channelCount: Int32) -> Result<OpaquePointer, OpusLibraryError> {
        var status: Int32 = OPUS_OK
        guard let encoder = opus_encoder_create(sampleRate, channelCount, OPUS_APPLICATION_VOIP, &status),
            status == OPUS_OK
        else {
            return .failure(OpusLibraryError(rawValue: status == OPUS_OK ? OPUS_ALLOC_FAIL : status))
        }
        return .success(encoder)
    }

    /// `opus_encoder_destroy`.
    static func destroyEncoder(_ encoder: OpaquePointer) {
        opus_encoder_destroy(encoder)
    }

    /// `opus_encode`: one packet from `frameCount` frames of interleaved PCM.
    @inline(__always)
    static func encode(
        _ encoder: OpaquePointer, _ pcm: UnsafePointer<Int16>, frameCount: Int32,
        into packet: UnsafeMutablePointer<UInt8>, capacity: Int32
    ) -> Int32 {
        opus_encode(encoder, pcm, frameCount, packet, capacity)
    }

    /// `OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)`.
    static func setVoiceSignal(_ encoder: OpaquePointer) -> Int32 {
        attendant_opus_encoder_set_signal_voice(encoder)
    }

    /// `OPUS_SET_COMPLEXITY`.
    static func setComplexity(_ encoder: OpaquePointer, _ complexity: Int32) -> Int32 {
        attendant_opus_encoder_set_complexity(encoder, complexity)
    }

    /// `OPUS_SET_BITRATE`.
    static func setBitrate(_ encoder: OpaquePointer, _ bitsPerSecond: Int32) -> Int32 {
        attendant_opus_encoder_set_bitrate(encoder, bitsPerSecond)
    }

    /// `OPUS_SET_INBAND_FEC`.
    static func setInbandForwardErrorCorrection(_ encoder: OpaquePointer, _ isEnabled: Bool) -> Int32 {
        attendant_opus_encoder_set_inband_fec(encoder, isEnabled ? 1 : 0)
    }

    /// `OPUS_SET_PACKET_LOSS_PERC`.
    static func setPacketLossPercentage(_ encoder: OpaquePointer, _ percentage: Int32) -> Int32 {
        attendant_opus_encoder_set_packet_loss_percentage(encoder, percentage)
    }

    /// `OPUS_GET_LOOKAHEAD`: the encoder's delay in frames at its sample rate.
    static func lookahead(_ encoder: OpaquePointer) -> Result<Int32, OpusLibraryError> {
        var frameCount: Int32 = 0
        let status = attendant_opus_encoder_get_lookahead(encoder, &frameCount)
        return status == OPUS_OK ? .success(frameCount) : .failure(OpusLibraryError(rawValue: status))
    }

    /// `OPUS_RESET_STATE` on an encoder.
    static func resetEncoder(_ encoder: OpaquePointer) -> Int32 {
        attendant_opus_encoder_reset(encoder)
    }

    /// `opus_decoder_create`.
    static func makeDecoder(sampleRate: Int32, channelCount: Int32) -> Result<OpaquePointer, OpusLibraryError> {
        var status: Int32 = OPUS_OK
        guard let decoder = opus_decoder_create(sampleRate, channelCount, &status), status == OPUS_OK else {
            return .failure(OpusLibraryError(rawValue: status == OPUS_OK ? OPUS_ALLOC_FAIL : status))
        }
        return .success(decoder)
    }

    /// `opus_decoder_destroy`.
    static func destroyDecoder(_ decoder: OpaquePointer) {
        opus_decoder_destroy(decoder)
    }

    /// `opus_decode`. A nil packet asks for concealment; `isRedundancy` (decode_fec) asks for the in-band FEC copy
    /// of the packet before `packet`.
    @inline(__always)
    static func decode(
        _ decoder: OpaquePointer, _ packet: UnsafePointer<UInt8>?, byteCount: Int32,
        into pcm: UnsafeMutablePointer<Int16>, frameCount: Int32, isRedundancy: Bool
    ) -> Int32 {
        opus_decode(decoder, packet, byteCount, pcm, frameCount, isRedundancy ? 1 : 0)
    }

    /// `OPUS_RESET_STATE` on a decoder.
    static func resetDecoder(_ decoder: OpaquePointer) -> Int32 {
        attendant_opus_decoder_reset(decoder)
    }

    /// `opus_packet_get_nb_samples`: the frames per channel a packet decodes to at `sampleRate`.
    @inline(__always)
    static func packetFrameCount(_ packet: UnsafePointer<UInt8>, byteCount: Int32, sampleRate: Int32) -> Int32 {
        opus_packet_get_nb_samples(packet, byteCount, sampleRate)
    }
}

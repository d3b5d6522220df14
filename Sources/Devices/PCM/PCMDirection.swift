import CALSA

/// Which way audio moves through a PCM.
public enum PCMDirection: String, Sendable, CaseIterable {
    case capture, playback

    var stream: snd_pcm_stream_t { self == .capture ? SND_PCM_STREAM_CAPTURE : SND_PCM_STREAM_PLAYBACK }
}

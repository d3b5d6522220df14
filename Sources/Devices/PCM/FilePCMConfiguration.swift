/// ALSA configurations for PCMs that read from and write to files through ALSA's `file` plugin over a `null`
/// slave: the whole ALSA code path (open, parameters, blocking transfers, recovery) with no sound card.
///
/// The plugin is not paced (a `null` slave takes and gives frames at once) and a capture past the end of its input
/// file does not block, so whoever reads it paces itself and stops at the file's length.
public enum FilePCMConfiguration {
    /// The PCM name both configurations define.
    public static let captureName = "attendant_capture"
    public static let playbackName = "attendant_playback"

    /// A capture PCM that reads `rawPath`: 16-bit little-endian mono samples with no header.
    public static func capture(rawPath: String) -> String {
        """
        pcm.\(Self.captureName) {
            type file
            slave { pcm { type null } }
            file "/dev/null"
            infile "\(Self.escaped(rawPath))"
            format "raw"
        }
        """
    }

    /// A playback PCM that writes what is played to `wavPath` as a WAV file.
    public static func playback(wavPath: String) -> String {
        Self.playback(path: wavPath, format: "wav")
    }

    /// A playback PCM that writes raw 16-bit samples to `rawPath`. (The plugin's `truncate false` does not append:
    /// it writes over an existing file from its start.)
    public static func playback(rawPath: String) -> String {
        Self.playback(path: rawPath, format: "raw")
    }

    private static func playback(path: String, format: String) -> String {
        """
        pcm.\(Self.playbackName) {
            type file
            slave { pcm { type null } }
            file "\(Self.escaped(path))"
            format "\(format)"
        }
        """
    }

    /// `path` as the inside of an ALSA configuration string.
    static func escaped(_ path: String) -> String {
        path.reduce(into: "") { escaped, character in
            if character == "\\" || character == "\"" { escaped.append("\\") }
            escaped.append(character)
        }
    }
}

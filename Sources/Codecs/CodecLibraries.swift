import COpus
import CSndFile
import CSpeexDSP

/// Versions of the codec and file libraries linked into this binary.
public enum CodecLibraries {
    /// libopus's version string, for example "libopus 1.3.1".
    public static var opusVersion: String { String(cString: opus_get_version_string()) }

    /// libsndfile's version string, for example "libsndfile-1.2.0".
    public static var sndfileVersion: String { String(cString: sf_version_string()) }
}

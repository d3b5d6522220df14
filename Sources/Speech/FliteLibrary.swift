import CFlite

/// The flite speech synthesizer and the voices linked into this binary.
///
/// Not real-time safe: control thread only. flite keeps global state, so all calls into it belong on one thread
/// or behind one lock held by the caller.
public enum FliteLibrary {
    /// The voices this binary links, by flite's own name.
    public enum VoiceName: String, CaseIterable, Sendable {
        case slt = "cmu_us_slt"
        case kal16 = "cmu_us_kal16"
        case rms = "cmu_us_rms"
        case awb = "cmu_us_awb"
    }

    /// Initializes flite once. Safe to call again.
    public static func initialize() {
        _ = initialization
    }

    /// Registers and returns one voice, or `nil` when the library refuses it.
    public static func register(_ voice: VoiceName) -> UnsafeMutablePointer<cst_voice>? {
        initialize()
        switch voice {
        case .slt: return register_cmu_us_slt(nil)
        case .kal16: return register_cmu_us_kal16(nil)
        case .rms: return register_cmu_us_rms(nil)
        case .awb: return register_cmu_us_awb(nil)
        }
    }

    nonisolated(unsafe) private static let initialization: Void = {
        _ = flite_init()
    }()
}

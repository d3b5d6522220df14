import AudioCore
import CFlite
import Glibc

/// The flite speech synthesizer and the voices linked into this binary.
///
/// Not real-time safe: control thread only. flite keeps global state, so every call into it goes through
/// `FliteLibrary.lock`.
public enum FliteLibrary {
    /// The voices this binary links, by flite's own name.
    public enum VoiceName: String, CaseIterable, Sendable {
        case slt = "cmu_us_slt"
        case kal16 = "cmu_us_kal16"
        case rms = "cmu_us_rms"
        case awb = "cmu_us_awb"
    }

    /// Runs `body` with exclusive use of flite, initializing the library on first use.
    public static func withLibrary<Result>(_ body: () throws -> Result) rethrows -> Result {
        try self.lock.withLock { isInitialized in
            if !isInitialized {
                _ = flite_init()
                isInitialized = true
            }
            return try body()
        }
    }

    /// Registers and returns one voice, or `nil` when the library refuses it. Register each voice once and keep
    /// the pointer: flite builds the voice anew on each call.
    public static func register(_ voice: VoiceName) -> UnsafeMutablePointer<cst_voice>? {
        self.withLibrary {
            switch voice {
            case .slt: return register_cmu_us_slt(nil)
            case .kal16: return register_cmu_us_kal16(nil)
            case .rms: return register_cmu_us_rms(nil)
            case .awb: return register_cmu_us_awb(nil)
            }
        }
    }

    /// Synthesizes `text` with `voice`, the same samples every time.
    ///
    /// flite's clustergen voices draw excitation noise from the C library's `rand()`, so the same text comes out
    /// differently depending on what ran before (a test heard "nope" for "no" only in the full suite). Seeding
    /// `rand` before each synthesis, under the library's lock, makes the output depend on the text alone.
    ///
    /// - Returns: the samples and their rate, or `nil` when flite produced nothing.
    public static func synthesize(
        _ text: String, voice: UnsafeMutablePointer<cst_voice>
    ) -> (samples: [Int16], sampleRate: Int)? {
        self.withLibrary {
            srand(Self.randomSeed)
            guard let wave = flite_text_to_wave(text, voice) else { return nil }
            defer { delete_wave(wave) }
            let samples = Array(UnsafeBufferPointer(start: wave.pointee.samples, count: Int(wave.pointee.num_samples)))
            return (samples, Int(wave.pointee.sample_rate))
        }
    }

    /// The seed `synthesize` gives `rand()` before each utterance.
    static let randomSeed: UInt32 = 0x5EED

    /// Serializes all use of the library; true once `flite_init` has run.
    private static let lock = Locked<Bool>(false)
}

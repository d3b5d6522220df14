import AudioCore
import CFlite

/// The flite voices registered so far, each registered once for the life of the process.
///
/// flite builds a voice anew on every `register_…` call and never frees it, so registering per synthesizer would
/// leak a voice each time; this keeps the first pointer per voice.
///
/// Not real-time safe: control thread only; locks.
final class FliteVoices: Sendable {
    /// The one table for the process.
    static let shared = FliteVoices()

    /// Registered voices, by name; `nil` records a voice flite refused, so it is not asked again.
    ///
    /// The pointers are only read, and only passed to `FliteLibrary.synthesize`, which uses them under flite's
    /// own lock.
    private let voices = Locked<[FliteLibrary.VoiceName: UnsafeMutablePointer<cst_voice>?]>([:])

    /// The registered voice `name`, registering it on first use; `nil` when flite refuses it.
    func voice(_ name: FliteLibrary.VoiceName) -> UnsafeMutablePointer<cst_voice>? {
        self.voices.withLock { voices in
            if let known = voices[name] { return known }
            let voice = FliteLibrary.register(name)
            voices[name] = voice
            return voice
        }
    }
}

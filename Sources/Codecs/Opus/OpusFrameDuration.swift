/// How much audio one Opus packet carries.
///
/// Real-time safe: no locks, no allocation.
public enum OpusFrameDuration: Int, Sendable, Hashable, CaseIterable {
    case milliseconds10 = 10
    case milliseconds20 = 20
    case milliseconds40 = 40
    case milliseconds60 = 60

    /// The duration in milliseconds.
    public var milliseconds: Int { self.rawValue }

    /// Frames per channel in one packet at `sampleRate`, for example 320 for 20 ms at 16 kHz.
    public func frameCount(sampleRate: Int) -> Int {
        sampleRate / 1000 * self.rawValue
    }

    /// The duration whose packets hold `frameCount` frames at `sampleRate`, or `nil` when none does.
    public init?(frameCount: Int, sampleRate: Int) {
        guard let duration = Self.allCases.first(where: { $0.frameCount(sampleRate: sampleRate) == frameCount })
        else { return nil }
        self = duration
    }
}

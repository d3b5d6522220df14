/// A call-progress tone the exchange plays on a line the caller has left.
public enum LineTone: String, Hashable, Sendable, BitwiseCopyable, CaseIterable {
    /// North American dial tone: 350 + 440 Hz, steady.
    case dial
    /// North American busy (and reorder) tone: 480 + 620 Hz, on and off.
    case busy
    /// The European and much of the world's single tone: 425 Hz, steady (dial) or cadenced (busy).
    case single425 = "425Hz"

    /// The frequencies that make the tone, in hertz.
    public var frequencies: [Double] {
        switch self {
        case .dial: [350, 440]
        case .busy: [480, 620]
        case .single425: [425]
        }
    }
}

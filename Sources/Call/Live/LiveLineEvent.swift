/// What a packet call's signalling carries besides the caller's voice: keys pressed (RFC 4733 telephone events on
/// a real line) or the caller hanging up (a SIP BYE). A desk line has neither: it hears a hang-up as a tone.
///
/// Plain bits, so it moves through an `SPSCRingBuffer` and a `LiveBlockReport` without allocation.
struct LiveLineEvent: BitwiseCopyable {
    /// The keys, as ASCII digits, `*` and `#`; `keyCount` of them are used.
    var keys: InlineArray<16, UInt8>
    var keyCount: Int
    var isHangUp: Bool

    /// The caller hung up.
    static let hangUp = LiveLineEvent(keys: InlineArray(repeating: 0), keyCount: 0, isHangUp: true)

    /// Keys pressed: up to 16 of `digits`, the rest dropped.
    static func keypad(_ digits: String) -> LiveLineEvent {
        var event = LiveLineEvent(keys: InlineArray(repeating: 0), keyCount: 0, isHangUp: false)
        for byte in digits.utf8.prefix(16) {
            event.keys[event.keyCount] = byte
            event.keyCount += 1
        }
        return event
    }

    /// The event as the call side handles it.
    ///
    /// Not real-time safe: makes a string. Call side only.
    var signal: LineSignal {
        guard !self.isHangUp else { return .hangUp }
        var digits = ""
        for index in 0..<self.keyCount { digits.append(Character(Unicode.Scalar(self.keys[index]))) }
        return .keypad(digits)
    }
}

import Understanding

/// Understanding's clock time under a name that does not clash with `Practice.ClockTime`: this file imports only
/// Understanding, so the name resolves here alone.
typealias HeardClockTime = ClockTime

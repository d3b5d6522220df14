/// One answer to "is this caller in an emergency?" from the two detectors that listen for it: the urgency rules
/// over the recognizer's text (`UrgencyMonitor`) and the embedding spotter's urgent head over the audio
/// (`Spotting.SpotterNode`). Either one is enough: a missed emergency costs far more than a false one, which
/// staff clear in seconds.
///
/// Each signal carries a confidence: a text finding the recognizer's confidence in the hypothesis it came from, a
/// spotter firing the head's probability. The fused confidence is the chance that at least one of them is right,
/// taking them as independent (`1 − Π(1 − cᵢ)`), and the call is flagged at the earliest signal.
///
/// Not real-time safe: allocates. Control side, once per signal.
public struct UrgencyFusion: Sendable, Equatable {
    /// Where an urgency signal came from.
    public enum Source: Sendable, Equatable {
        /// An urgency rule matched the recognizer's text.
        case text(UrgencyFinding)
        /// The spotter's urgent head fired on the audio; it does not say which kind of emergency.
        case spotter
    }

    /// One signal.
    public struct Signal: Sendable, Equatable {
        public var source: Source
        /// When it was raised, seconds of the turn's (or call's) audio.
        public var seconds: Double
        /// From 0 to 1.
        public var confidence: Double

        public init(source: Source, seconds: Double, confidence: Double) {
            self.source = source
            self.seconds = seconds
            self.confidence = min(max(confidence, 0), 1)
        }
    }

    /// Every signal so far, in the order added.
    public private(set) var signals: [Signal] = []

    public init() {}

    /// Adds a signal.
    public mutating func add(_ signal: Signal) {
        self.signals.append(signal)
    }

    /// Whether any detector flagged the call.
    public var isUrgent: Bool { !self.signals.isEmpty }

    /// The chance that at least one signal is right; 0 with no signal.
    public var confidence: Double {
        1 - self.signals.reduce(1) { $0 * (1 - $1.confidence) }
    }

    /// The earliest signal's time, or `nil` with none.
    public var flaggedAtSeconds: Double? { self.signals.map(\.seconds).min() }

    /// The kind of emergency, from the first text finding; `nil` when only the spotter fired.
    public var finding: UrgencyFinding? {
        for signal in self.signals {
            if case .text(let finding) = signal.source { return finding }
        }
        return nil
    }
}

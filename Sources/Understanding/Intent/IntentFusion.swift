/// Decides a turn's intent from two readings: the understanding layer's over the recognizer's text, and the
/// request-keyword head's over the speech embeddings (Spotting's `RequestSpotting`, a family named as an `Intent`
/// with a probability).
///
/// The recognizer's reading stands when the dialogue can use it. A rejected hypothesis that asks for nothing
/// (`isRequest` false: in noise the `intent` language model hears garbage that names nothing) gives way to the
/// head's family when its probability reaches `threshold`. With `fillsInForAcceptedOther` (a call's rule), an
/// accepted hypothesis that names no intent and asks for no message gives way too. The dialogue answers some such
/// turns itself ("who are the doctors there" is `other`, and the dialogue lists the doctors), so a call turned it on
/// only once the head could name those requests (below). With `overrideThreshold` set, a head at least that sure
/// also overrules an accepted reading. An emergency is never overruled: urgency has its own detectors and the head
/// knows no emergencies. Thresholds are chosen on tuning voices (`attendant eval request` on a tuning-voice corpus),
/// never on the held-out ones.
///
/// The head also has classes for the requests the dialogue answers that are not intents (`answeredRequestClasses`:
/// the doctors list, a message, a bill, a form). They stand for `other` (`intent(ofHeadClass:)`), and a head that
/// heard one of them never fills in: the recognizer's reading stands, as the dialogue needs it, instead of the
/// family the head would otherwise have guessed.
///
/// A value type with no state; safe from any thread.
public struct IntentFusion: Sendable, Equatable {
    /// Where the fused intent came from.
    public enum Source: String, Sendable, Equatable {
        case recognizer
        case spotter
    }

    /// The request head's classes for the requests the dialogue answers that are not intents: which doctors work at
    /// the practice (`other` asking for nothing; the dialogue finds the word "doctors" and lists them), a message
    /// for someone, a bill, a form (`other` asking for something: a message the practice takes).
    public static let answeredRequestClasses: Set<String> = ["doctors", "message", "billing", "forms"]

    /// The intent a request-head class stands for: a family's own (`book` … `human`), `other` for one of
    /// `answeredRequestClasses`; `nil` for a name the fusion does not know, `other` and `emergency` included.
    public static func intent(ofHeadClass name: String) -> Intent? {
        if Self.answeredRequestClasses.contains(name) { return .other }
        guard let intent = Intent(rawValue: name), intent != .emergency, intent != .other else { return nil }
        return intent
    }

    /// The head's probability at which its family fills in for an unusable recognizer reading.
    public var threshold: Float
    /// Whether an accepted hypothesis that names no intent and asks for no message also counts as unusable.
    public var fillsInForAcceptedOther: Bool
    /// The head's probability at which its family overrules an accepted one; `nil`: never.
    public var overrideThreshold: Float?

    public init(threshold: Float, fillsInForAcceptedOther: Bool = false, overrideThreshold: Float? = nil) {
        self.threshold = threshold
        self.fillsInForAcceptedOther = fillsInForAcceptedOther
        self.overrideThreshold = overrideThreshold
    }

    /// The fused intent and where it came from.
    ///
    /// - Parameters:
    ///   - recognized: the understanding layer's intent for the recognizer's hypothesis.
    ///   - isRequest: whether the understanding layer found a request in it (an `other` request is a message).
    ///   - isRejected: whether the recognizer rejected the hypothesis as out of context.
    ///   - spotted: the head's family (`other` for an answered request, `intent(ofHeadClass:)`), or `nil` when it
    ///     heard nothing (no windows, or no head).
    ///   - probability: the head's score for `spotted`.
    public func fuse(
        recognized: Intent, isRequest: Bool, isRejected: Bool, spotted: Intent?, probability: Float
    ) -> (intent: Intent, source: Source) {
        guard recognized != .emergency, let spotted, spotted != .emergency, spotted != .other else {
            return (recognized, .recognizer)
        }
        let isUnusable = !isRequest && (isRejected || self.fillsInForAcceptedOther)
        if isUnusable, probability >= self.threshold { return (spotted, .spotter) }
        if !isRejected, let overrideThreshold, probability >= overrideThreshold { return (spotted, .spotter) }
        return (recognized, .recognizer)
    }
}

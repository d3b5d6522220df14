/// How the endpointer turns voice activity into turns.
///
/// Real-time safe: a plain value.
public struct EndpointerConfiguration: Hashable, Sendable {
    /// Speech must last this long without a break before a turn starts; shorter bursts (clicks, a cough) are
    /// dropped.
    public var minimumSpeech: Duration

    /// Non-speech after the last speech block that ends the turn. A pause inside a sentence shorter than this
    /// keeps the turn.
    public var trailingSilence: Duration

    /// A turn that lasts this long is ended even while speech goes on; speech that continues then starts a new
    /// turn after `minimumSpeech`.
    public var maximumTurn: Duration

    /// The defaults: 100 ms minimum speech, 150 ms trailing silence, 20 s maximum turn.
    ///
    /// With the detector's own hangover (up to 200 ms in noise, 20 ms once the line is clearly silent) a pause of
    /// up to about 350 ms inside a sentence keeps the turn, and the median end of turn over `vad_concat` comes
    /// about 200 ms after the labelled end of speech (about 300 ms in noise; see the README).
    public init(
        minimumSpeech: Duration = .milliseconds(100), trailingSilence: Duration = .milliseconds(150),
        maximumTurn: Duration = .seconds(20)
    ) {
        self.minimumSpeech = minimumSpeech
        self.trailingSilence = trailingSilence
        self.maximumTurn = maximumTurn
    }
}

import Spotting

/// The speech-embedding weights and the urgent head, loaded once per process and shared by every call's front end.
///
/// Not real-time safe: the first use reads files. Control side.
enum UrgentSpotterModels {
    /// The models, or why they could not be loaded (the weights are fetched by `tools/setup`).
    static let shared: Result<(weights: SpeechEmbeddingWeights, head: SpotterHead), SpotterUnavailable> = {
        do {
            return .success((try SpeechEmbeddingWeights.load(), try SpotterHead.load(.urgent)))
        } catch {
            return .failure(SpotterUnavailable(reason: "\(error)"))
        }
    }()
}

/// Why a call runs without the urgent spotter.
struct SpotterUnavailable: Error, Sendable {
    var reason: String
}

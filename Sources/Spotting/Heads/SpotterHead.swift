import Foundation

/// A small classifier over the speech embeddings of one turn: a multinomial logistic regression over standardized
/// features. With `mean+max` pooling the turn's windows become one feature (the mean and the maximum of each of the
/// 96 values); with `windows` pooling every window of the turn is scored on its own and the turn's class is the one
/// with the highest mean log-probability over them.
///
/// Heads are trained by `tools/train-spotter-heads` on synthetic speech only and stored as JSON under
/// `Sources/Spotting/Heads/Trained/`. Not real-time safe: loading and classifying run on the control side, once per
/// turn.
public struct SpotterHead: Sendable {
    /// The head's name, such as `digits`.
    public let name: String
    /// The class labels, in score order.
    public let classes: [String]
    /// Which windows belong to a turn.
    public let selection: TurnWindowSelection
    /// For a streaming head: how many of the latest windows each decision pools; `nil` for a per-turn head.
    public let contextWindowCount: Int?
    /// For a streaming head: the probability of its last class at which it fires.
    public let threshold: Float?
    let featureMean: [Float]
    let featureScale: [Float]
    /// Class-major weights: `classes.count` rows of `featureCount` values.
    let weights: [Float]
    let bias: [Float]

    /// How a turn's windows become the head's input.
    public enum Pooling: String, Sendable {
        /// One feature per turn (or per streaming context): the mean, then the maximum, of each embedding value.
        case meanMax = "mean+max"
        /// Each window scored alone; the turn takes the class with the highest mean log-probability.
        case windows
    }

    /// How this head pools.
    public let pooling: Pooling

    /// The length of one feature: 192 for `mean+max`, 96 for `windows`.
    public var featureCount: Int {
        self.pooling == .meanMax
            ? 2 * SpeechEmbeddingArchitecture.embeddingCount : SpeechEmbeddingArchitecture.embeddingCount
    }

    /// Reads and validates a head file.
    ///
    /// - Throws: `SpotterHeadError` naming the file and what is wrong with it.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SpotterHeadError(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let file: HeadFile
        do {
            file = try JSONDecoder().decode(HeadFile.self, from: data)
        } catch {
            throw SpotterHeadError(path: url.path, reason: "is not a head file: \(error)")
        }
        try self.init(file, path: url.path)
    }

    init(_ file: HeadFile, path: String) throws {
        func fail(_ reason: String) -> SpotterHeadError { SpotterHeadError(path: path, reason: reason) }
        guard let pooling = Pooling(rawValue: file.pooling) else {
            throw fail("pooling '\(file.pooling)' is not 'mean+max' or 'windows'")
        }
        let width = SpeechEmbeddingArchitecture.embeddingCount
        let featureCount = pooling == .meanMax ? 2 * width : width
        if file.contextWindows != nil, pooling != .meanMax {
            throw fail("a streaming head (contextWindows) pools 'mean+max'")
        }
        guard file.classes.count >= 2, Set(file.classes).count == file.classes.count else {
            throw fail("needs at least two distinct classes")
        }
        guard file.featureMean.count == featureCount, file.featureScale.count == featureCount else {
            throw fail("featureMean and featureScale need \(featureCount) values each")
        }
        guard file.featureScale.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw fail("featureScale values must be positive")
        }
        guard file.weights.count == file.classes.count, file.weights.allSatisfy({ $0.count == featureCount }),
            file.bias.count == file.classes.count
        else {
            throw fail("weights need \(file.classes.count) rows of \(featureCount) values and one bias per class")
        }
        let values = file.featureMean + file.weights.flatMap { $0 } + file.bias
        guard values.allSatisfy(\.isFinite) else { throw fail("holds a value that is not finite") }
        guard file.selection.afterStartSeconds >= 0, file.selection.afterEndSeconds >= 0 else {
            throw fail("selection offsets must not be negative")
        }
        if let count = file.contextWindows, !(1...64).contains(count) {
            throw fail("contextWindows must be 1...64")
        }
        if let threshold = file.threshold, !(threshold > 0 && threshold < 1) {
            throw fail("threshold must lie between 0 and 1")
        }

        self.pooling = pooling
        self.name = file.name
        self.classes = file.classes
        self.selection = TurnWindowSelection(
            afterStartSeconds: file.selection.afterStartSeconds, afterEndSeconds: file.selection.afterEndSeconds)
        self.contextWindowCount = file.contextWindows
        self.threshold = file.threshold
        self.featureMean = file.featureMean
        self.featureScale = file.featureScale
        self.weights = file.weights.flatMap { $0 }
        self.bias = file.bias
    }

    /// Class probabilities for one feature (`featureCount` values).
    ///
    /// Not real-time safe: allocates its result. See `probabilities(pooled:into:)`.
    public func probabilities(pooled feature: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: self.classes.count)
        feature.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { self.probabilities(pooled: source, into: $0) }
        }
        return result
    }

    /// Class probabilities for one pooled feature, written into `probabilities` (one value per class).
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Complexity: O(classes × features).
    public func probabilities(
        pooled feature: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>
    ) {
        let featureCount = self.featureCount
        precondition(feature.count == featureCount, "a feature of this head has \(featureCount) values")
        precondition(probabilities.count == self.classes.count, "one probability per class")
        var largest = -Float.infinity
        for row in 0..<self.classes.count {
            var sum = self.bias[row]
            for index in 0..<featureCount {
                let standardized = (feature[index] - self.featureMean[index]) / self.featureScale[index]
                sum += self.weights[row * featureCount + index] * standardized
            }
            probabilities[row] = sum
            largest = max(largest, sum)
        }
        var total: Float = 0
        for row in 0..<self.classes.count {
            probabilities[row] = Float(exp(Double(probabilities[row] - largest)))
            total += probabilities[row]
        }
        for row in 0..<self.classes.count {
            probabilities[row] /= total
        }
    }

    /// The most likely class of a turn and its probability, or `nil` when no window was available.
    public func classify(_ windows: TurnWindows, speechStart: Double, speechEnd: Double) -> SpotterResult? {
        var probabilities: [Float]
        switch self.pooling {
        case .meanMax:
            guard
                let feature = windows.pooled(speechStart: speechStart, speechEnd: speechEnd, selection: self.selection)
            else { return nil }
            probabilities = self.probabilities(pooled: feature)
        case .windows:
            let chosen = windows.selected(speechStart: speechStart, speechEnd: speechEnd, selection: self.selection)
            guard !chosen.isEmpty else { return nil }
            var meanLogProbability = [Double](repeating: 0, count: self.classes.count)
            for window in chosen {
                let perWindow = self.probabilities(pooled: windows.embedding(window))
                for index in perWindow.indices {
                    meanLogProbability[index] += log(Double(max(perWindow[index], .leastNormalMagnitude)))
                }
            }
            let largest = meanLogProbability.max()! / Double(chosen.count)
            let exponentials = meanLogProbability.map { exp($0 / Double(chosen.count) - largest) }
            let total = exponentials.reduce(0, +)
            probabilities = exponentials.map { Float($0 / total) }
        }
        var best = 0
        for index in probabilities.indices where probabilities[index] > probabilities[best] {
            best = index
        }
        return SpotterResult(label: self.classes[best], probability: probabilities[best], probabilities: probabilities)
    }
}

/// What a head decided for one turn.
public struct SpotterResult: Sendable, Equatable {
    /// The winning class.
    public let label: String
    /// Its probability, the head's confidence.
    public let probability: Float
    /// Every class's probability, in the head's class order.
    public let probabilities: [Float]
}

/// A head file that cannot be used.
public struct SpotterHeadError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public let path: String
    /// What is wrong with it.
    public let reason: String

    public var description: String {
        "spotter head \(self.path) \(self.reason); retrain it with tools/train-spotter-heads"
    }
}

/// The JSON layout `tools/train-spotter-heads` writes.
struct HeadFile: Decodable {
    struct Selection: Decodable {
        let afterStartSeconds: Double
        let afterEndSeconds: Double
    }

    let name: String
    let classes: [String]
    let pooling: String
    let selection: Selection
    let featureMean: [Float]
    let featureScale: [Float]
    let weights: [[Float]]
    let bias: [Float]
    let contextWindows: Int?
    let threshold: Float?
}

extension SpotterHead {
    /// The heads `tools/train-spotter-heads` trained, shipped inside the Spotting module.
    public enum Trained: String, CaseIterable, Sendable {
        /// One spoken digit word per turn: zero, oh, one … nine.
        case digits
    }

    /// Loads one of the shipped heads.
    ///
    /// - Throws: `SpotterHeadError` when the file is missing or unusable.
    public static func load(_ trained: Trained) throws -> SpotterHead {
        guard let url = Bundle.module.url(forResource: trained.rawValue, withExtension: "json", subdirectory: "Trained")
        else {
            throw SpotterHeadError(path: "Trained/\(trained.rawValue).json", reason: "is not in the Spotting bundle")
        }
        return try SpotterHead(contentsOf: url)
    }
}

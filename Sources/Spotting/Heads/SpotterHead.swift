import Foundation

/// A small classifier over speech embeddings: standardized features, an optional hidden layer of rectified units,
/// then a softmax over the classes (with no hidden layer, a multinomial logistic regression). With `mean+max`
/// pooling a turn's windows become one feature (the mean and the maximum of each of the 96 values); with `windows`
/// pooling every window of the turn is scored on its own and the turn's class is the one with the highest mean
/// log-probability over them; with `stacked` pooling (streaming heads only) the latest `contextWindowCount`
/// windows lie side by side, oldest first, so the head sees the order of the words.
///
/// Heads are trained by `tools/train-spotter-heads` on synthetic speech only and stored as JSON under
/// `Sources/Spotting/Heads/Trained/`. Loading and `classify` allocate and run on the control side, once per turn;
/// `probabilities(pooled:scratch:into:)` is real-time safe, for `StreamingSpotter`.
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
    /// For a streaming head: windows after a firing during which it does not fire again, when the file says.
    public let refractoryWindowCount: Int?
    let featureMean: [Float]
    let featureScale: [Float]
    /// The hidden layer's units: `hiddenCount` rows of `featureCount` values, then one bias per unit (empty
    /// without a hidden layer).
    let hiddenWeights: [Float]
    let hiddenBias: [Float]
    /// Class-major output weights: `classes.count` rows of `hiddenCount` values, or of `featureCount` values
    /// without a hidden layer.
    let weights: [Float]
    let bias: [Float]

    /// How a turn's windows become the head's input.
    public enum Pooling: String, Sendable {
        /// One feature per turn (or per streaming context): the mean, then the maximum, of each embedding value.
        case meanMax = "mean+max"
        /// Each window scored alone; the turn takes the class with the highest mean log-probability.
        case windows
        /// The latest `contextWindowCount` windows side by side, oldest first (streaming heads).
        case stacked
    }

    /// How this head pools.
    public let pooling: Pooling

    /// The length of one feature: 192 for `mean+max`, 96 for `windows`, 96 per context window for `stacked`.
    public let featureCount: Int

    /// Rectified units between the features and the classes; 0 for a logistic regression.
    public var hiddenCount: Int { self.hiddenBias.count }

    /// The floats `probabilities(pooled:scratch:into:)` works in.
    public var scratchCount: Int { self.featureCount + self.hiddenCount }

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
            throw fail("pooling '\(file.pooling)' is not 'mean+max', 'windows' or 'stacked'")
        }
        let width = SpeechEmbeddingArchitecture.embeddingCount
        if file.contextWindows != nil, pooling == .windows {
            throw fail("a streaming head (contextWindows) pools 'mean+max' or 'stacked'")
        }
        if let count = file.contextWindows, !(1...64).contains(count) {
            throw fail("contextWindows must be 1...64")
        }
        let featureCount: Int
        switch pooling {
        case .meanMax: featureCount = 2 * width
        case .windows: featureCount = width
        case .stacked:
            guard let count = file.contextWindows, file.threshold != nil else {
                throw fail("a 'stacked' head is a streaming head: it needs contextWindows and threshold")
            }
            featureCount = count * width
        }
        let hiddenCount = file.hidden?.bias.count ?? 0
        let hiddenWeights = file.hidden?.flatWeights() ?? []
        if let hidden = file.hidden {
            let rowsMatch = hidden.weights.map { $0.allSatisfy { $0.count == featureCount } } ?? true
            guard hiddenCount > 0, rowsMatch, hiddenWeights.count == hiddenCount * featureCount else {
                throw fail(
                    "hidden needs one bias and \(featureCount) weights per unit (as rows, or as float16 in base64)")
            }
        }
        let inputCount = file.hidden == nil ? featureCount : hiddenCount
        guard file.classes.count >= 2, Set(file.classes).count == file.classes.count else {
            throw fail("needs at least two distinct classes")
        }
        guard file.featureMean.count == featureCount, file.featureScale.count == featureCount else {
            throw fail("featureMean and featureScale need \(featureCount) values each")
        }
        guard file.featureScale.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw fail("featureScale values must be positive")
        }
        guard file.weights.count == file.classes.count, file.weights.allSatisfy({ $0.count == inputCount }),
            file.bias.count == file.classes.count
        else {
            throw fail("weights need \(file.classes.count) rows of \(inputCount) values and one bias per class")
        }
        let hiddenBias = file.hidden?.bias ?? []
        let values = file.featureMean + file.weights.flatMap { $0 } + file.bias + hiddenWeights + hiddenBias
        guard values.allSatisfy(\.isFinite) else { throw fail("holds a value that is not finite") }
        guard file.selection.afterStartSeconds >= 0, file.selection.afterEndSeconds >= 0 else {
            throw fail("selection offsets must not be negative")
        }
        if let threshold = file.threshold, !(threshold > 0 && threshold < 1) {
            throw fail("threshold must lie between 0 and 1")
        }
        if let refractory = file.refractoryWindows, !(0...1000).contains(refractory) {
            throw fail("refractoryWindows must be 0...1000")
        }

        self.pooling = pooling
        self.featureCount = featureCount
        self.refractoryWindowCount = file.refractoryWindows
        self.hiddenWeights = hiddenWeights
        self.hiddenBias = hiddenBias
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
    /// Not real-time safe: allocates. See `probabilities(pooled:scratch:into:)`.
    public func probabilities(pooled feature: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: self.classes.count)
        var scratch = [Float](repeating: 0, count: self.scratchCount)
        feature.withUnsafeBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { work in
                result.withUnsafeMutableBufferPointer { self.probabilities(pooled: source, scratch: work, into: $0) }
            }
        }
        return result
    }

    /// Class probabilities for one feature, written into `probabilities` (one value per class): the feature is
    /// standardized into `scratch`, goes through the hidden layer if there is one, and the output layer's scores
    /// through a softmax. The layers run `HeadKernels.dense`.
    ///
    /// Real-time safe: no locks, no allocation.
    ///
    /// - Parameter scratch: `scratchCount` floats; their contents are lost.
    /// - Complexity: O(features × hidden units + hidden units × classes), or O(features × classes) without a
    ///   hidden layer.
    public func probabilities(
        pooled feature: UnsafeBufferPointer<Float>, scratch: UnsafeMutableBufferPointer<Float>,
        into probabilities: UnsafeMutableBufferPointer<Float>
    ) {
        let featureCount = self.featureCount
        precondition(feature.count == featureCount, "a feature of this head has \(featureCount) values")
        precondition(scratch.count >= self.scratchCount, "the scratch needs \(self.scratchCount) floats")
        precondition(probabilities.count == self.classes.count, "one probability per class")
        let standardized = scratch.baseAddress!
        self.featureMean.withUnsafeBufferPointer { mean in
            self.featureScale.withUnsafeBufferPointer { scale in
                for index in 0..<featureCount {
                    standardized[index] = (feature[index] - mean[index]) / scale[index]
                }
            }
        }
        var layerInput = UnsafePointer(standardized)
        var inputCount = featureCount
        if self.hiddenCount > 0 {
            let hidden = standardized + featureCount
            self.hiddenWeights.withUnsafeBufferPointer { weights in
                self.hiddenBias.withUnsafeBufferPointer { bias in
                    HeadKernels.dense(
                        weights: weights.baseAddress!, bias: bias.baseAddress!, rows: self.hiddenCount,
                        columns: featureCount, input: standardized, output: hidden, isRectified: true)
                }
            }
            layerInput = UnsafePointer(hidden)
            inputCount = self.hiddenCount
        }
        self.weights.withUnsafeBufferPointer { weights in
            self.bias.withUnsafeBufferPointer { bias in
                HeadKernels.dense(
                    weights: weights.baseAddress!, bias: bias.baseAddress!, rows: self.classes.count,
                    columns: inputCount, input: layerInput, output: probabilities.baseAddress!, isRectified: false)
            }
        }
        var largest = -Float.infinity
        for row in 0..<self.classes.count {
            largest = max(largest, probabilities[row])
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

    /// The most likely class of a turn and its probability, or `nil` when no window was available or the head is
    /// a `stacked` streaming head (run those through `StreamingSpotter`).
    public func classify(_ windows: TurnWindows, speechStart: Double, speechEnd: Double) -> SpotterResult? {
        var probabilities: [Float]
        switch self.pooling {
        case .stacked:
            return nil
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

    /// The hidden layer: its weights either as rows of numbers or, for a large layer, as little-endian float16
    /// values row after row in base64 (`weightsFloat16`).
    struct Hidden: Decodable {
        let weights: [[Float]]?
        let weightsFloat16: String?
        let bias: [Float]

        /// The weights row after row, or `nil` when neither form is there or the base64 is damaged.
        func flatWeights() -> [Float]? {
            if let weights { return weights.flatMap { $0 } }
            guard let text = self.weightsFloat16, let data = Data(base64Encoded: text), data.count % 2 == 0 else {
                return nil
            }
            return data.withUnsafeBytes { raw in
                (0..<data.count / 2).map { index in
                    let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self))
                    return Float(Float16(bitPattern: bits))
                }
            }
        }
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
    let refractoryWindows: Int?
    let hidden: Hidden?
}

extension SpotterHead {
    /// The heads `tools/train-spotter-heads` trained, shipped inside the Spotting module.
    public enum Trained: String, CaseIterable, Sendable {
        /// One spoken digit word per turn: zero, oh, one … nine.
        case digits
        /// Streaming: an urgent phrase ("can't breathe", "chest pain", …) has just been said.
        case urgent
        /// A short answer: yes, no, or other.
        case yesno
        /// Streaming: the keyword of a request (book, cancel, … human; `Intent`'s names) has just been said.
        case request
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

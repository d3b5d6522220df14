import Foundation

/// The detector's slow state and per-block features: band levels against adaptive noise floors, the level against
/// the recent speech peak, and periodicity.
///
/// Each band's noise floor follows the band level down quickly and up slowly (at most 10 dB/s), so it settles on
/// the level between words. The feature vector gives the combiner piecewise-linear views of the band and total
/// signal-to-noise ratios (knees at 3 and 10 dB), the periodicity now and smoothed, the share of active bands, and
/// the level below the decaying speech peak (blocks 30 dB or more under it are the tail of a word or a breath).
///
/// Real-time safe: a value with no references; `update` does not allocate.
struct VoiceActivityFeatures {
    private var bandFloors = SIMD8<Float>(repeating: 0)
    private var totalFloor: Float = 0
    private var peak: Float = 0
    private var smoothedPeriodicity: Float = 0
    private var hasStarted = false

    /// Forgets everything: the next block sets the floors.
    mutating func reset() {
        self = VoiceActivityFeatures()
    }

    /// Updates the trackers with one block and returns its feature vector (lanes 0–9; the rest are 0).
    ///
    /// - Parameters:
    ///   - energies: Each band's mean power over the block.
    ///   - periodicity: The block's normalised autocorrelation peak.
    /// - Complexity: O(1).
    mutating func update(energies: SIMD8<Float>, periodicity: Float) -> SIMD16<Float> {
        let model = VoiceActivityModel.self
        let levels = VoiceActivityKernels.decibels(energies)
        let total = Self.decibels(energies.sum())
        if !self.hasStarted {
            self.bandFloors = levels
            self.totalFloor = total
            self.peak = total
            self.hasStarted = true
        }

        for band in 0..<8 {
            self.bandFloors[band] = Self.track(self.bandFloors[band], toward: levels[band])
        }
        self.totalFloor = Self.track(self.totalFloor, toward: total)
        self.peak = max(total, self.peak - model.peakDecay)
        self.smoothedPeriodicity =
            model.periodicitySmoothing * self.smoothedPeriodicity + (1 - model.periodicitySmoothing) * periodicity

        let bandSNR = (levels - self.bandFloors).clamped(lowerBound: .zero, upperBound: SIMD8(repeating: 40))
        let meanSNR = bandSNR.sum() / 8
        var activeBandCount: Float = 0
        for band in 0..<8 where bandSNR[band] > model.activeBandDecibels { activeBandCount += 1 }
        let totalSNR = min(max(total - self.totalFloor, 0), 60)
        let belowPeak = min(max(total - self.peak, -60), 0)

        var features = SIMD16<Float>()
        features[0] = min(totalSNR, 3)
        features[1] = min(max(totalSNR - 3, 0), 7)
        features[2] = min(max(totalSNR - 10, 0), 20)
        features[3] = min(meanSNR, 3)
        features[4] = min(max(meanSNR - 3, 0), 10)
        features[5] = periodicity
        features[6] = self.smoothedPeriodicity
        features[7] = activeBandCount / 8
        features[8] = max(belowPeak, -30)
        features[9] = min(belowPeak + 30, 0)
        return features
    }

    /// One step of the asymmetric floor tracker.
    @inline(__always)
    private static func track(_ floor: Float, toward level: Float) -> Float {
        let model = VoiceActivityModel.self
        let gap = level - floor
        return gap < 0
            ? floor + model.floorFallRate * gap : floor + min(model.floorRiseRate * gap, model.floorMaximumRise)
    }

    /// A power in dB, floored at `VoiceActivityModel.floorDecibels`.
    @inline(__always)
    static func decibels(_ power: Float) -> Float {
        VoiceActivityKernels.Reference.decibels(power)
    }
}

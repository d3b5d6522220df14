import Foundation

/// Power measurements the voice tests compare, in dB relative to full scale.
enum SignalPower {
    /// Mean square of `samples[range]` in dB (−200 for silence).
    static func decibels(_ samples: [Float], _ range: Range<Int>) -> Double {
        guard !range.isEmpty else { return -200 }
        var sum = 0.0
        for index in range {
            sum += Double(samples[index]) * Double(samples[index])
        }
        return sum > 0 ? 10 * log10(sum / Double(range.count)) : -200
    }

    /// Mean square over the frames where `isIncluded(frame)` holds, in dB.
    static func decibels(_ samples: [Float], where isIncluded: (Int) -> Bool) -> Double {
        var sum = 0.0
        var count = 0
        for index in samples.indices where isIncluded(index) {
            sum += Double(samples[index]) * Double(samples[index])
            count += 1
        }
        return sum > 0 ? 10 * log10(sum / Double(count)) : -200
    }
}

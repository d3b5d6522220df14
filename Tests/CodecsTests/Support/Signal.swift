import Foundation

/// Signal measurements for codec tests.
enum Signal {
    /// Signal-to-noise ratio in dB of `decoded` against `original`, comparing `original[n]` with
    /// `decoded[n + delay]` over every n both cover.
    static func snr(original: ArraySlice<Int16>, decoded: ArraySlice<Int16>, delay: Int) -> Double {
        var signalEnergy = 0.0
        var noiseEnergy = 0.0
        for index in original.indices {
            let decodedIndex = decoded.startIndex + (index - original.startIndex) + delay
            guard decoded.indices.contains(decodedIndex) else { continue }
            let reference = Double(original[index])
            let difference = reference - Double(decoded[decodedIndex])
            signalEnergy += reference * reference
            noiseEnergy += difference * difference
        }
        return 10 * log10(signalEnergy / max(noiseEnergy, 1e-9))
    }

    /// Root-mean-square level of `samples`.
    static func rms(_ samples: ArraySlice<Int16>) -> Double {
        guard !samples.isEmpty else { return 0 }
        let energy = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (energy / Double(samples.count)).squareRoot()
    }
}

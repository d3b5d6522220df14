import AttendantTestSupport
import Foundation

/// Where the test fixtures are: `fixtures/audio/` under the package root (made by `tools/make-fixtures`), and
/// the shared speech corpora beside the package.
enum AudioFixtures {
    static let packageRoot = TestPaths.packageRoot

    static func url(_ name: String) -> URL {
        TestPaths.fixture("audio/\(name)")
    }

    /// `../shared/corpora` relative to the package root.
    static let corpora = TestPaths.corpora

    /// The fixtures' reference signal: a 440 Hz sine at amplitude 0.5, 0.5 s long.
    static let sineFrequency = 440.0
    static let sineAmplitude = 0.5

    /// A fresh empty folder under the system's temporary directory, removed by the caller.
    static func makeTemporaryFolder() throws -> URL {
        try TestPaths.makeScratchDirectory(label: "attendant-codecs")
    }

    /// The names in a folder, for checking that nothing was left behind.
    static func contents(of folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
    }
}

/// A least-squares fit of `a·sin(ωn) + b·cos(ωn)` to a signal at one known frequency.
///
/// The fit leaves phase free, so it measures level and frequency: a signal at another frequency, or with a
/// skipped or repeated sample, leaves most of its power in the residual and the SNR collapses.
struct SineFit {
    /// The fitted sine's amplitude, `hypot(a, b)`.
    var amplitude: Double
    /// Fitted power over residual power, in dB.
    var snr: Double

    init<Samples: Collection>(_ samples: Samples, frequency: Double, sampleRate: Double)
    where Samples.Element == Float {
        let omega = 2 * Double.pi * frequency / sampleRate
        var ss = 0.0
        var sc = 0.0
        var cc = 0.0
        var xs = 0.0
        var xc = 0.0
        for (index, sample) in samples.enumerated() {
            let s = sin(omega * Double(index))
            let c = cos(omega * Double(index))
            ss += s * s
            sc += s * c
            cc += c * c
            xs += Double(sample) * s
            xc += Double(sample) * c
        }
        let determinant = ss * cc - sc * sc
        let a = (xs * cc - xc * sc) / determinant
        let b = (xc * ss - xs * sc) / determinant

        var signal = 0.0
        var noise = 0.0
        for (index, sample) in samples.enumerated() {
            let fitted = a * sin(omega * Double(index)) + b * cos(omega * Double(index))
            signal += fitted * fitted
            noise += (Double(sample) - fitted) * (Double(sample) - fitted)
        }
        self.amplitude = (a * a + b * b).squareRoot()
        self.snr = 10 * log10(signal / max(noise, 1e-30))
    }
}

/// Signal-to-noise ratio of `actual` against `expected`, in dB.
func snr<A: Collection, B: Collection>(_ actual: A, against expected: B) -> Double
where A.Element == Float, B.Element == Double {
    var signal = 0.0
    var noise = 0.0
    for (value, reference) in zip(actual, expected) {
        signal += reference * reference
        noise += (Double(value) - reference) * (Double(value) - reference)
    }
    return 10 * log10(signal / max(noise, 1e-30))
}

/// A sine at `frequency`, `frameCount` samples at `sampleRate`, starting at phase 0.
func makeSine(frequency: Double, amplitude: Double = 0.5, sampleRate: Int, frameCount: Int) -> [Double] {
    (0..<frameCount).map { amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate)) }
}

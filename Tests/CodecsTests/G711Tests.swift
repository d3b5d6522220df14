import AttendantTestSupport
import AudioCore
import Foundation
import Testing

@testable import Codecs

/// G.711 against sox (an independent implementation, tables made by `tools/make-g711-tables`) and against the values
/// printed in ITU-T G.711.
///
/// Decoding agrees with sox bit for bit. Encoding agrees except next to each decision level, and the reason is known:
/// sox reduces 16-bit input to 14 bits (µ-law) or 13 bits (A-law) by rounding to the nearest value, where the ITU-T
/// G.191 reference software, which this codec follows, drops the low bits. Rounding adds half a step of the reduced
/// scale, so every decision level moves by 2 (µ-law) or 4 (A-law) 16-bit units, and those inputs get the adjacent code.
/// Truncation is the ITU choice: with it a 16-bit input x = 4n switches code exactly at the G.711 decision values n
/// (for µ-law, 7903 between the two top codes, which sox places at 7902.5). For negative µ-law input sox also negates
/// in two's complement where G.191 uses one's complement, which is why its µ-law shift is symmetric about zero
/// (x ± 2) while its A-law shift (sox's A-law already uses one's complement) is x + 4 everywhere.
///
/// The tests hold the exact relation: sox's code for x equals our code for x moved by that rounding offset, for all
/// 65,536 inputs. They also count the raw disagreements (two or four inputs per decision level) and check that each
/// is between neighbouring quantization levels.
@Suite("G.711")
struct G711Tests {
    struct Tables {
        let encoded: [UInt8]
        let decoded: [Int16]
    }

    static func soxTables(_ law: G711.Law) throws -> Tables {
        let name = law == .muLaw ? "mulaw" : "alaw"
        let encoded = [UInt8](try Data(contentsOf: TestPaths.fixture("g711/\(name)-encode.u8")))
        let bytes = [UInt8](try Data(contentsOf: TestPaths.fixture("g711/\(name)-decode.s16le")))
        try #require(encoded.count == 65536 && bytes.count == 512)
        let decoded = (0..<256).map { Int16(bitPattern: UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8) }
        return Tables(encoded: encoded, decoded: decoded)
    }

    /// Every Int16 in order, -32768 first, the order of the encode fixtures.
    static let everySample: [Int16] = (Int32(Int16.min)...Int32(Int16.max)).map { Int16($0) }
    static let everyCode: [UInt8] = (0...255).map { UInt8($0) }

    static func encode(_ samples: [Int16], _ law: G711.Law, _ kernel: G711.Kernel) -> [UInt8] {
        var codes = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { source in
            codes.withUnsafeMutableBufferPointer { _ = G711.encode(source, law: law, into: $0, kernel: kernel) }
        }
        return codes
    }

    static func decode(_ codes: [UInt8], _ law: G711.Law, _ kernel: G711.Kernel) -> [Int16] {
        var samples = [Int16](repeating: 0, count: codes.count)
        codes.withUnsafeBufferPointer { source in
            samples.withUnsafeMutableBufferPointer { _ = G711.decode(source, law: law, into: $0, kernel: kernel) }
        }
        return samples
    }

    /// The input whose G.191 (truncating) code is sox's (rounding) code for `sample`; see the suite comment.
    static func soxEquivalentInput(_ sample: Int16, _ law: G711.Law) -> Int16 {
        let value = Int32(sample)
        let moved =
            switch law {
            case .muLaw: value >= -2 ? value + 2 : value - 2
            case .aLaw: value + 4
            }
        return Int16(clamping: moved)
    }

    static let lawsAndKernels = G711.Law.allCases.flatMap { law in G711.Kernel.allCases.map { (law, $0) } }

    @Test("decoding all 256 codes matches sox bit for bit", arguments: lawsAndKernels)
    func decodeMatchesSox(law: G711.Law, kernel: G711.Kernel) throws {
        let sox = try Self.soxTables(law)
        #expect(Self.decode(Self.everyCode, law, kernel) == sox.decoded)
    }

    @Test("encoding all 65,536 samples matches sox once sox's rounding is accounted for", arguments: lawsAndKernels)
    func encodeMatchesSoxModuloRounding(law: G711.Law, kernel: G711.Kernel) throws {
        let sox = try Self.soxTables(law)
        let movedInputs = Self.everySample.map { Self.soxEquivalentInput($0, law) }
        let ours = Self.encode(movedInputs, law, kernel)
        let mismatches = (0..<65536).filter { ours[$0] != sox.encoded[$0] }
        #expect(mismatches.isEmpty, "first mismatching inputs: \(mismatches.prefix(8).map { $0 - 32768 })")
    }

    @Test("raw disagreements with sox are few and between neighbouring levels", arguments: lawsAndKernels)
    func rawDisagreementsAreAtDecisionLevels(law: G711.Law, kernel: G711.Kernel) throws {
        let sox = try Self.soxTables(law)
        let ours = Self.encode(Self.everySample, law, kernel)
        let mismatches = (0..<65536).filter { ours[$0] != sox.encoded[$0] }

        // µ-law: 2 inputs at each of 254 levels between codes of one sign, plus -2 and -1 (our -0, sox's +0).
        // A-law: 4 inputs at each of 255 levels.
        #expect(mismatches.count == (law == .muLaw ? 510 : 1020))

        let levels = Array(Set(sox.decoded)).sorted()
        let rank = { (code: UInt8) in levels.firstIndex(of: sox.decoded[Int(code)])! }
        for index in mismatches {
            #expect(abs(rank(ours[index]) - rank(sox.encoded[index])) <= 1, "input \(index - 32768)")
        }
    }

    @Test("the reference gives the values printed in G.711 and G.191")
    func ituValues() {
        #expect(G711.encode(0, law: .muLaw) == 0xFF)
        #expect(G711.encode(-1, law: .muLaw) == 0x7F)
        #expect(G711.encode(32767, law: .muLaw) == 0x80)
        #expect(G711.encode(-32768, law: .muLaw) == 0x00)
        #expect(G711.decode(0x00, law: .muLaw) == -32124)
        #expect(G711.decode(0x80, law: .muLaw) == 32124)
        #expect(G711.decode(0xFF, law: .muLaw) == 0)
        #expect(G711.decode(0x7F, law: .muLaw) == 0)

        #expect(G711.encode(0, law: .aLaw) == 0xD5)
        #expect(G711.encode(-1, law: .aLaw) == 0x55)
        #expect(G711.encode(32767, law: .aLaw) == 0xAA)
        #expect(G711.encode(-32768, law: .aLaw) == 0x2A)
        #expect(G711.decode(0xD5, law: .aLaw) == 8)
        #expect(G711.decode(0x55, law: .aLaw) == -8)
        #expect(G711.decode(0xAA, law: .aLaw) == 32256)
        #expect(G711.decode(0x2A, law: .aLaw) == -32256)
    }

    @Test("every code survives decode then encode (µ-law's -0 comes back as +0)", arguments: lawsAndKernels)
    func codesRoundTrip(law: G711.Law, kernel: G711.Kernel) {
        let again = Self.encode(Self.decode(Self.everyCode, law, kernel), law, kernel)
        for code in Self.everyCode where !(law == .muLaw && code == 0x7F) {
            #expect(again[Int(code)] == code)
        }
        if law == .muLaw {
            #expect(again[0x7F] == 0xFF)
        }
    }

    @Test("SIMD and reference agree exactly on random blocks of every length up to 100", arguments: G711.Law.allCases)
    func vectorizedMatchesReferenceOnTails(law: G711.Law) {
        var generator = SeededRandomNumberGenerator(seed: 711)
        for frameCount in Array(0...100) + [159, 160, 161, 319, 320, 321, 960] {
            let samples = (0..<frameCount).map { _ in Int16(truncatingIfNeeded: generator.next()) }
            let codes = Self.encode(samples, law, .vectorized)
            #expect(codes == Self.encode(samples, law, .reference), "\(frameCount) samples")
            #expect(Self.decode(codes, law, .vectorized) == Self.decode(codes, law, .reference))
        }
    }

    @Test("a shorter output converts only what fits and says how much")
    func mismatchedBuffers() {
        let samples: [Int16] = [0, 1000, -1000, 32767, -32768]
        var codes = [UInt8](repeating: 0x11, count: 3)
        let encodedCount = samples.withUnsafeBufferPointer { source in
            codes.withUnsafeMutableBufferPointer { G711.encode(source, law: .aLaw, into: $0) }
        }
        #expect(encodedCount == 3)
        #expect(codes == samples.prefix(3).map { G711.encode($0, law: .aLaw) })

        var decoded = [Int16](repeating: 0, count: 5)
        let decodedCount = codes.withUnsafeBufferPointer { source in
            decoded.withUnsafeMutableBufferPointer { G711.decode(source, law: .aLaw, into: $0) }
        }
        #expect(decodedCount == 3)
        #expect(decoded[3] == 0 && decoded[4] == 0)
    }
}

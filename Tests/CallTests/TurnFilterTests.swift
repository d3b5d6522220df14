import Foundation
import Testing

@testable import Call

@Suite("Turn filter") struct TurnFilterTests {
    /// A second of a decaying tone in noise, as 16-bit samples.
    static let line: [Int16] = (0..<16_000).map { index in
        let tone = sin(Double(index) * 0.3) * 8_000 * exp(-Double(index) / 8_000)
        let noise = Double((index * 7919) % 401) - 200
        return Int16(tone + noise)
    }

    static func filtered(_ samples: [Int16], chunk: Int, input: RecognizerInput) throws -> [Int16] {
        let filter = try TurnFilter(input: input)
        var output: [Int16] = []
        var start = 0
        while start < samples.count {
            let end = min(start + chunk, samples.count)
            samples[start..<end].withUnsafeBufferPointer { piece in filter.filter(piece) { output += $0 } }
            start = end
        }
        return output
    }

    @Test(
        "Two turns with the same audio are heard the same, however the audio arrives",
        arguments: RecognizerInput.allCases)
    func sameAudioSameOutput(input: RecognizerInput) throws {
        let first = try Self.filtered(Self.line, chunk: 160, input: input)
        let second = try Self.filtered(Self.line, chunk: 333, input: input)
        #expect(first.count == 16_000)
        #expect(first == second)
        #expect(first != Self.line, "the filter changes the line")
    }

    @Test("A partial block waits for the rest")
    func partialBlockWaits() throws {
        #expect(try Self.filtered(Array(Self.line.prefix(250)), chunk: 250, input: .highPass).count == 160)
    }
}

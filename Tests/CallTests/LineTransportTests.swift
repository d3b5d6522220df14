import Foundation
import Testing

@testable import Call

/// The simulated phone line: what the engine receives of a caller's 16 kHz audio after G.711 or Opus.
@Suite("Line transport")
struct LineTransportTests {
    static let sampleRate = Double(CallFrontEnd.sampleRate)

    /// One second sweeping 300 → 3000 Hz, amplitude 0.3: voice-band, and with one lag that lines it up.
    static func sweep() -> [Float] {
        (0..<Int(sampleRate)).map {
            let time = Double($0) / sampleRate
            return Float(0.3 * sin(2 * Double.pi * (300 * time + 1350 * time * time)))
        }
    }

    /// `seconds` of a sine at `hertz`, amplitude 0.3.
    static func tone(hertz: Double, seconds: Double = 1) -> [Float] {
        (0..<Int(seconds * sampleRate)).map { Float(0.3 * sin(2 * Double.pi * hertz * Double($0) / sampleRate)) }
    }

    /// `input` carried block by block.
    static func carried(_ input: [Float], codec: LineCodec, lossPercentage: Double = 0, seed: UInt64 = 1) throws
        -> [Float]
    {
        let line = try LineTransport(codec: codec, lossPercentage: lossPercentage, seed: seed)
        let blockFrameCount = CallFrontEnd.blockFrameCount
        var output: [Float] = []
        var block = [Float](repeating: 0, count: blockFrameCount)
        for start in stride(from: 0, to: input.count - blockFrameCount + 1, by: blockFrameCount) {
            block.replaceSubrange(0..<blockFrameCount, with: input[start..<start + blockFrameCount])
            block.withUnsafeMutableBufferPointer { line.carry($0) }
            output += block
        }
        #expect(line.codingFailureCount == 0)
        return output
    }

    /// The best normalized correlation of `output` with `input` delayed by 0…`maximumLag` frames, and that lag,
    /// over the second half (past every codec's start-up).
    static func alignment(_ input: [Float], _ output: [Float], maximumLag: Int = 800) -> (correlation: Double, lag: Int)
    {
        let start = input.count / 2
        let end = input.count - maximumLag
        var best = (correlation: -1.0, lag: 0)
        for lag in 0...maximumLag {
            var product = 0.0
            var inputEnergy = 0.0
            var outputEnergy = 0.0
            for index in start..<end {
                let x = Double(input[index])
                let y = Double(output[index + lag])
                product += x * y
                inputEnergy += x * x
                outputEnergy += y * y
            }
            let correlation = product / max(1e-12, (inputEnergy * outputEnergy).squareRoot())
            if correlation > best.correlation { best = (correlation, lag) }
        }
        return best
    }

    /// How much quieter a tone at `hertz` comes out of the line than it went in, over its second half, in dB.
    static func attenuationDB(hertz: Double, codec: LineCodec) throws -> Double {
        let tone = Self.tone(hertz: hertz)
        let carried = try Self.carried(tone, codec: codec)
        let half = tone.count / 2
        return 10 * log10(Self.power(carried[half...]) / Self.power(tone[half...]))
    }

    static func power(_ samples: ArraySlice<Float>) -> Double {
        samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(max(1, samples.count))
    }

    @Test("a linear line gives the block back untouched")
    func linearIsIdentity() throws {
        let input = Self.tone(hertz: 440, seconds: 0.2)
        #expect(try Self.carried(input, codec: .linear16) == input)
    }

    @Test(
        "G.711 carries a voice-band sweep with little delay and removes what is above 4 kHz",
        arguments: [
            LineCodec.pcmu, .pcma,
        ])
    func g711(codec: LineCodec) throws {
        let voice = Self.sweep()
        let carried = try Self.carried(voice, codec: codec)
        let (correlation, lag) = Self.alignment(voice, carried)
        #expect(correlation > 0.99, "correlation \(correlation)")
        // A block for the 20 ms packets, and the two resamplers' filters (speexdsp quality 5, 80 frames each at
        // 16 kHz): 20 ms in all.
        #expect(lag >= 160 && lag <= 352, "delayed \(lag) frames")

        let attenuationDB = try Self.attenuationDB(hertz: 6000, codec: codec)
        #expect(attenuationDB < -30, "6 kHz only \(attenuationDB) dB down")
    }

    @Test("Opus carries a sweep one packet behind at most, and keeps the wide band")
    func opus() throws {
        let voice = Self.sweep()
        let carried = try Self.carried(voice, codec: .opus)
        let (correlation, lag) = Self.alignment(voice, carried)
        #expect(correlation > 0.95, "correlation \(correlation)")
        // A packet is 20 ms, the line starts a block behind, and the codec looks ahead 6.5 ms: 16.5 ms in all.
        #expect(lag >= 160 && lag <= 400, "delayed \(lag) frames")

        let attenuationDB = try Self.attenuationDB(hertz: 6000, codec: .opus)
        #expect(attenuationDB > -6, "6 kHz \(attenuationDB) dB down on a wideband line")
    }

    @Test(
        "Lost packets are concealed, counted, and lost the same way for the same seed",
        arguments: [
            LineCodec.pcmu, .opus,
        ])
    func packetLoss(codec: LineCodec) throws {
        let voice = Self.sweep()
        let line = try LineTransport(codec: codec, lossPercentage: 30, seed: 7)
        var block = [Float](repeating: 0, count: CallFrontEnd.blockFrameCount)
        for start in stride(from: 0, to: voice.count, by: block.count) {
            block.replaceSubrange(0..<block.count, with: voice[start..<start + block.count])
            block.withUnsafeMutableBufferPointer { line.carry($0) }
        }
        #expect(line.packetCount == 50)
        #expect(line.lostPacketCount >= 8 && line.lostPacketCount <= 22, "\(line.lostPacketCount) lost")
        let lossy = try Self.carried(voice, codec: codec, lossPercentage: 30, seed: 7)
        #expect(lossy == (try Self.carried(voice, codec: codec, lossPercentage: 30, seed: 7)))
        #expect(lossy != (try Self.carried(voice, codec: codec, lossPercentage: 30, seed: 8)))
        #expect(lossy.allSatisfy { $0.isFinite && abs($0) <= 1.5 })
        // Concealment is not the voice: a lossy line lines up with it less well than a clean one.
        let clean = try Self.carried(voice, codec: codec)
        #expect(Self.alignment(voice, lossy).correlation < Self.alignment(voice, clean).correlation - 0.02)
    }

    @Test(
        "The line says which blocks hold a concealed packet or the packet after one, and no others",
        arguments: [
            LineCodec.pcmu, .opus,
        ])
    func concealedBlocks(codec: LineCodec) throws {
        let voice = Self.sweep()
        let clean = try LineTransport(codec: codec)
        let lossy = try LineTransport(codec: codec, lossPercentage: 30, seed: 7)
        var block = [Float](repeating: 0, count: CallFrontEnd.blockFrameCount)
        var cleanCount = 0
        var concealedCount = 0
        for start in stride(from: 0, to: voice.count, by: block.count) {
            block.replaceSubrange(0..<block.count, with: voice[start..<start + block.count])
            if block.withUnsafeMutableBufferPointer({ clean.carry($0) }) { cleanCount += 1 }
            block.replaceSubrange(0..<block.count, with: voice[start..<start + block.count])
            if block.withUnsafeMutableBufferPointer({ lossy.carry($0) }) { concealedCount += 1 }
        }
        #expect(cleanCount == 0)
        // A lost packet and the one after it span two packets, four blocks, or five where they straddle one; a
        // packet still queued at the end is not read.
        let lost = lossy.lostPacketCount
        #expect(concealedCount >= 2 * lost && concealedCount <= 5 * lost, "\(concealedCount) blocks for \(lost) lost")
    }

    @Test("A G.711 line that loses every packet falls silent: nothing received, nothing to repeat")
    func g711LosesEverything() throws {
        let carried = try Self.carried(Self.sweep(), codec: .pcmu, lossPercentage: 100)
        let tail = carried[(carried.count / 2)...]
        #expect(Self.power(tail) < 1e-8)
    }
}

import AttendantTestSupport
import Foundation
import Testing

@testable import Devices

/// Capture, a processor and playback on one audio thread, through ALSA `file` PCMs.
@Suite("Duplex loop", .serialized) struct DuplexLoopTests {
    /// Plays capture back at half level and counts blocks.
    final class HalfLevel: DuplexProcessor, @unchecked Sendable {
        var blocks = 0
        func process(capture: UnsafeBufferPointer<Float>, playback: UnsafeMutableBufferPointer<Float>) {
            for index in 0..<capture.count { playback[index] = capture[index] * 0.5 }
            self.blocks += 1
        }
    }

    /// Runs `samples` (at `deviceRate`) through a loop at the engine's 16 kHz and returns what was played.
    static func run(_ samples: [Int16], deviceRate: Int, label: String, injecting fault: Int32? = nil) throws -> (
        played: [Int16], loop: DuplexLoop, ending: DuplexLoop.Ending
    ) {
        let input = try PCMDeviceTests.rawFile(samples, label: label)
        let output = input.deletingLastPathComponent().appendingPathComponent("out.wav")
        let period = deviceRate / 100
        let capture = try PCMDevice(
            name: FilePCMConfiguration.captureName, direction: .capture, sampleRate: deviceRate,
            periodFrameCount: period, configuration: FilePCMConfiguration.capture(rawPath: input.path))
        let playback = try PCMDevice(
            name: FilePCMConfiguration.playbackName, direction: .playback, sampleRate: deviceRate,
            periodFrameCount: period, configuration: FilePCMConfiguration.playback(wavPath: output.path))
        let processor = HalfLevel()
        let loop = try DuplexLoop(
            capture: capture, playback: playback, engineSampleRate: 16_000, blockFrameCount: 160, isClockPaced: false,
            processor: processor)
        if let fault { playback.injectFault(fault) }
        try loop.start(blockLimit: samples.count / period)
        let ending = loop.wait()
        playback.close()
        let wav = try Data(contentsOf: output)
        return (wav.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }, loop, ending)
    }

    @Test("At the engine's rate, what is captured is played back at half level after the two silent periods")
    func sameRateLoopsBack() throws {
        let samples = (0..<16_000).map { Int16(truncatingIfNeeded: ($0 % 200) * 100 - 10_000) }
        let (played, loop, ending) = try Self.run(samples, deviceRate: 16_000, label: "duplex-same")
        #expect(ending == .finished)
        #expect(loop.blockCount == 100)
        let prefill = DuplexLoop.prefillPeriodCount * 160
        #expect(played.prefix(prefill).allSatisfy { $0 == 0 })
        let echoed = Array(played.dropFirst(prefill))
        #expect(echoed.count == samples.count)
        #expect(zip(echoed, samples).allSatisfy { abs(Int($0) - Int($1) / 2) <= 1 })
    }

    @Test("An 8 kHz device is resampled to the engine's 16 kHz and back, keeping a 400 Hz tone's level")
    func otherRateIsResampled() throws {
        let samples = (0..<8_000).map { Int16(8_000 * sin(2 * Double.pi * 400 * Double($0) / 8_000)) }
        let (played, loop, ending) = try Self.run(samples, deviceRate: 8_000, label: "duplex-8k")
        #expect(ending == .finished)
        #expect((98...100).contains(loop.blockCount))
        let steady = played.dropFirst(2_000).prefix(4_000)
        let rms = sqrt(steady.map { Double($0) * Double($0) }.reduce(0, +) / Double(steady.count))
        // Half of 8000 / √2 ≈ 2828.
        #expect(abs(rms - 2_828) < 150, "rms \(rms)")
    }

    @Test("An underrun mid-run is recovered and counted; the loop goes on to the end")
    func underrunIsRecovered() throws {
        let samples = [Int16](repeating: 1_000, count: 16_000)
        let (played, loop, ending) = try Self.run(samples, deviceRate: 16_000, label: "duplex-xrun", injecting: -EPIPE)
        #expect(ending == .finished)
        #expect(loop.playback.xrunCount == 1)
        #expect(played.count == samples.count + DuplexLoop.prefillPeriodCount * 160)
    }

    @Test("A playback device that goes away ends the loop as lost, for the control side to reopen")
    func lostDeviceEndsTheLoop() throws {
        let samples = [Int16](repeating: 1_000, count: 16_000)
        let (_, _, ending) = try Self.run(samples, deviceRate: 16_000, label: "duplex-lost", injecting: -ENODEV)
        #expect(ending == .deviceLost(.playback, code: -ENODEV))
    }
}

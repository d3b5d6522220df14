import AttendantTestSupport
import Foundation
import Testing

@testable import Devices

/// The real ALSA code path with no sound card: `file` PCMs over a `null` slave.
@Suite("ALSA PCMs") struct PCMDeviceTests {
    /// A raw 16-bit file of `samples` in a scratch folder.
    static func rawFile(_ samples: [Int16], label: String) throws -> URL {
        let url = try TestPaths.makeScratchDirectory(label: label).appendingPathComponent("in.raw")
        try samples.withUnsafeBytes { Data($0) }.write(to: url)
        return url
    }

    @Test("The file configurations name their PCMs, quote their paths, and parse")
    func configurationsParse() throws {
        let capture = FilePCMConfiguration.capture(rawPath: "/tmp/a \"quoted\" path.raw")
        #expect(capture.contains("pcm.\(FilePCMConfiguration.captureName)"))
        #expect(capture.contains(#"infile "/tmp/a \"quoted\" path.raw""#))
        #expect(capture.contains("type null"))
        let folder = try TestPaths.makeScratchDirectory(label: "pcm-configuration")
        let wav = folder.appendingPathComponent("out.wav").path
        let device = try PCMDevice(
            name: FilePCMConfiguration.playbackName, direction: .playback, sampleRate: 16_000, periodFrameCount: 160,
            configuration: FilePCMConfiguration.playback(wavPath: wav))
        #expect(device.sampleRate == 16_000)
        #expect(device.periodFrameCount == 160)
    }

    @Test("A capture file reads back period by period; playback writes a WAV of what was played")
    func filePathMovesAudio() throws {
        let samples = (0..<1_600).map { Int16(truncatingIfNeeded: $0 * 37) }
        let input = try Self.rawFile(samples, label: "pcm-capture")
        let capture = try PCMDevice(
            name: FilePCMConfiguration.captureName, direction: .capture, sampleRate: 16_000, periodFrameCount: 160,
            configuration: FilePCMConfiguration.capture(rawPath: input.path))
        try capture.start()
        var read = [Int16](repeating: 0, count: 160)
        var all: [Int16] = []
        for _ in 0..<10 {
            #expect(read.withUnsafeMutableBufferPointer { capture.read(into: $0) } == .done)
            all += read
        }
        #expect(all == samples)

        let output = input.deletingLastPathComponent().appendingPathComponent("out.wav")
        let playback = try PCMDevice(
            name: FilePCMConfiguration.playbackName, direction: .playback, sampleRate: 16_000, periodFrameCount: 160,
            configuration: FilePCMConfiguration.playback(wavPath: output.path))
        try playback.start()
        for period in 0..<10 {
            let slice = Array(samples[period * 160..<(period + 1) * 160])
            #expect(slice.withUnsafeBufferPointer { playback.write($0) } == .done)
        }
        playback.close()
        let wav = try Data(contentsOf: output)
        #expect(wav.prefix(4) == Data("RIFF".utf8))
        // A 44-byte header, then the samples as written.
        let written = wav.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(written == samples)
    }

    @Test("An injected underrun is recovered through snd_pcm_recover and counted; a lost device is reported")
    func faultsAreRecoveredOrReported() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "pcm-faults")
        let playback = try PCMDevice(
            name: FilePCMConfiguration.playbackName, direction: .playback, sampleRate: 16_000, periodFrameCount: 160,
            configuration: FilePCMConfiguration.playback(wavPath: folder.appendingPathComponent("out.wav").path))
        try playback.start()
        let period = [Int16](repeating: 100, count: 160)
        playback.injectFault(-EPIPE)
        #expect(period.withUnsafeBufferPointer { playback.write($0) } == .done)
        #expect(playback.xrunCount == 1)
        playback.injectFault(-ENODEV)
        #expect(period.withUnsafeBufferPointer { playback.write($0) } == .deviceLost(code: -ENODEV))
        #expect(period.withUnsafeBufferPointer { playback.write($0) } == .done)
    }

    @Test("A device that does not exist, or a configuration that does not parse, is refused naming the device")
    func badDevicesAreRefused() throws {
        let missing = #expect(throws: DeviceError.self) {
            try PCMDevice(
                name: "attendant_no_such_device", direction: .capture, sampleRate: 16_000, periodFrameCount: 160)
        }
        #expect(missing?.description.contains("attendant_no_such_device") == true, "\(String(describing: missing))")
        #expect(missing?.code != 0)
        let garbled = #expect(throws: DeviceError.self) {
            try PCMDevice(
                name: "broken", direction: .playback, sampleRate: 16_000, periodFrameCount: 160,
                configuration: "pcm.broken { type file slave { pcm { type null ")
        }
        #expect(garbled?.description.contains("broken") == true)
        #expect(garbled?.operation == "parse its configuration")
    }

    @Test("The device list has ALSA's null PCM, for both directions")
    func listHasNull() {
        let null = ALSADevices.list().first { $0.name == "null" }
        #expect(null?.directions == [.capture, .playback])
    }
}

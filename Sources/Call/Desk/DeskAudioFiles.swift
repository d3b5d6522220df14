import AudioCore
import Devices
import Foundation

/// The capture and playback files of a desk run through ALSA's `file` plugin: the capture WAV as the raw 16 kHz
/// samples the plugin reads, and the raw samples the playback plugin appends to, made a WAV at the end.
///
/// A capture device that is opened again (after it was lost) resumes at the frame the line had reached, from a
/// fresh raw file, as a sound card resumes at the present; a playback device opened again writes a raw file of its
/// own (the plugin writes from the start of an existing file), and the pieces are joined in order at the end.
///
/// Not real-time safe: control thread only.
final class DeskAudioFiles {
    let folder: URL
    /// The capture recording at the engine's rate.
    let capture: [Int16]
    /// The playback's raw pieces, one per opening, in order.
    private(set) var playbackPieces: [URL] = []
    private var captureFileCount = 0

    /// - Throws: `CallError.audio` when the capture WAV cannot be read.
    init(capture url: URL) throws(CallError) {
        let samples = try ReplayAudio.read(url)
        var pcm = [Int16](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { source in
            pcm.withUnsafeMutableBufferPointer { SampleConversion.convert(source, to: $0) }
        }
        self.capture = pcm
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-desk-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        } catch {
            throw .output(path: self.folder.path, reason: "\(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: self.folder) }

    /// An ALSA configuration for the capture from `frame` on.
    ///
    /// - Throws: `CallError.output` when the raw file cannot be written.
    func captureConfiguration(from frame: Int) throws(CallError) -> String {
        self.captureFileCount += 1
        let url = self.folder.appendingPathComponent("capture-\(self.captureFileCount).raw")
        let remaining = self.capture[min(frame, self.capture.count)...]
        do {
            try remaining.withUnsafeBytes { Data($0) }.write(to: url)
        } catch {
            throw .output(path: url.path, reason: "\(error)")
        }
        return FilePCMConfiguration.capture(rawPath: url.path)
    }

    /// An ALSA configuration for the playback, into a piece of its own after what was played before.
    func playbackConfiguration() -> String {
        let url = self.folder.appendingPathComponent("playback-\(self.playbackPieces.count + 1).raw")
        self.playbackPieces.append(url)
        return FilePCMConfiguration.playback(rawPath: url.path)
    }

    /// Writes what was played to `url` as a 16 kHz WAV.
    ///
    /// - Throws: `CallError.output` when it cannot be read or written.
    func writePlayback(to url: URL) throws(CallError) {
        var data = Data()
        for piece in self.playbackPieces {
            do {
                data += try Data(contentsOf: piece)
            } catch {
                throw .output(path: piece.path, reason: "\(error)")
            }
        }
        let pcm = data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        var samples = [Float](repeating: 0, count: pcm.count)
        pcm.withUnsafeBufferPointer { source in
            samples.withUnsafeMutableBufferPointer { SampleConversion.convert(source, to: $0) }
        }
        try ReplayAudio.write([samples], to: url)
    }
}

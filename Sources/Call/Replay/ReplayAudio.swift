import Codecs
import Foundation

/// Reading a caller's recording and writing a call's audio.
enum ReplayAudio {
    /// The file as 16 kHz mono in -1…1, converted from whatever rate and channel count it has.
    ///
    /// - Throws: `CallError.audio` naming the file.
    static func read(_ url: URL) throws(CallError) -> [Float] {
        do {
            let reader = try AudioFileReader(contentsOf: url)
            let converter = try ConvertingAudioFileReader(reader, sampleRate: CallFrontEnd.sampleRate, channelCount: 1)
            return try converter.readAll()
        } catch {
            throw .audio(path: url.path, reason: "\(error)")
        }
    }

    /// Writes 16 kHz audio, one channel per track, interleaved.
    ///
    /// - Throws: `CallError.output` naming the file.
    static func write(_ tracks: [[Float]], to url: URL) throws(CallError) {
        let frameCount = tracks.map(\.count).max() ?? 0
        var interleaved = [Float](repeating: 0, count: frameCount * tracks.count)
        for (channel, track) in tracks.enumerated() {
            for (frame, sample) in track.enumerated() { interleaved[frame * tracks.count + channel] = sample }
        }
        do {
            try AudioFileWriter.write(
                interleaved, to: url,
                format: .wav(sampleRate: CallFrontEnd.sampleRate, channelCount: max(1, tracks.count)))
        } catch {
            throw .output(path: url.path, reason: "\(error)")
        }
    }
}

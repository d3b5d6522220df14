import Foundation
import Testing

@testable import Codecs

/// Each kind of bad input gets its own error, and the message names the file and what is accepted.
@Suite("Audio file reader errors")
struct AudioFileReaderErrorTests {
    /// Opens `name` from the fixtures and returns the error, or records an issue when it opened.
    func openError(_ url: URL, rawFormat: AudioFileFormat? = nil) -> AudioFileError? {
        do {
            if let rawFormat {
                _ = try AudioFileReader(contentsOf: url, rawFormat: rawFormat)
            } else {
                _ = try AudioFileReader(contentsOf: url)
            }
            Issue.record("\(url.lastPathComponent) opened")
            return nil
        } catch {
            #expect(error.description.contains(url.path), "message does not name the file: \(error)")
            return error
        }
    }

    @Test("a missing file is fileNotFound")
    func missing() throws {
        let url = AudioFixtures.url("no_such_file.wav")
        let error = try #require(self.openError(url))
        #expect(error == .fileNotFound(path: url.path))
        #expect(error.description.contains("WAV, FLAC or raw PCM"))
    }

    @Test("a folder is notAFile")
    func folder() throws {
        let url = AudioFixtures.packageRoot.appendingPathComponent("fixtures/audio")
        #expect(try #require(self.openError(url)) == .notAFile(path: url.path))
    }

    @Test("a 0-byte file is emptyFile")
    func empty() throws {
        let url = AudioFixtures.url("bad_empty.wav")
        let error = try #require(self.openError(url))
        #expect(error == .emptyFile(path: url.path))
        #expect(error.description.contains("0 bytes"))
    }

    @Test("a WAV header cut inside the fmt chunk is malformedHeader, keeping libsndfile's code and message")
    func truncatedHeader() throws {
        let url = AudioFixtures.url("bad_truncated_header.wav")
        let error = try #require(self.openError(url))
        guard case .malformedHeader(_, let library) = error else {
            Issue.record("expected malformedHeader, got \(error)")
            return
        }
        #expect(library.code.rawValue != 0)
        #expect(!library.message.isEmpty)
        #expect(error.description.contains(library.message))
    }

    @Test("a FLAC file cut short delivers the frames before the cut, then fails with damagedAudio")
    func truncatedFLAC() throws {
        let url = AudioFixtures.url("bad_truncated.flac")
        let reader = try AudioFileReader(contentsOf: url)
        #expect(reader.fileDescription.frameCount == 8_000)  // what the intact header promises
        let reference = try AudioFileReader(contentsOf: AudioFixtures.url("sine440_16k_pcm16.flac")).readAll()

        var delivered: [Float] = []
        var block = [Float](repeating: 0, count: 160)
        do throws(AudioFileError) {
            while true {
                let count = try block.withUnsafeMutableBufferPointer { (buffer) throws(AudioFileError) -> Int in
                    try reader.read(into: buffer)
                }
                if count == 0 { break }
                delivered += block[0..<count]
            }
            Issue.record("read to the end without an error")
        } catch {
            guard case .damagedAudio(let path, let position, let library) = error else {
                Issue.record("expected damagedAudio, got \(error)")
                return
            }
            #expect(path == url.path)
            #expect(position == delivered.count)
            #expect(!library.message.isEmpty)
        }
        #expect(delivered.count > 0 && delivered.count < 8_000)
        #expect(delivered == Array(reference.prefix(delivered.count)))
        #expect(throws: AudioFileError.self) { _ = try reader.readAll() }
    }

    @Test("a text file named .wav is notAudio")
    func text() throws {
        let url = AudioFixtures.url("bad_text.wav")
        let error = try #require(self.openError(url))
        guard case .notAudio(_, let library) = error else {
            Issue.record("expected notAudio, got \(error)")
            return
        }
        #expect(library.code == .unrecognisedFormat)
        #expect(error.description.contains("WAV and FLAC"))
    }

    @Test("IMA ADPCM in WAV is unsupportedEncoding, listing the accepted encodings")
    func adpcm() throws {
        let url = AudioFixtures.url("bad_ima_adpcm.wav")
        let error = try #require(self.openError(url))
        guard case .unsupportedEncoding(_, let name) = error else {
            Issue.record("expected unsupportedEncoding, got \(error)")
            return
        }
        #expect(name.contains("IMA ADPCM"))
        #expect(error.description.contains("16-bit PCM"))
        #expect(error.description.contains("A-law"))
    }

    @Test("an AIFF file is unsupportedContainer")
    func aiff() throws {
        let url = AudioFixtures.url("bad_container.aiff")
        let error = try #require(self.openError(url))
        guard case .unsupportedContainer(_, let name) = error else {
            Issue.record("expected unsupportedContainer, got \(error)")
            return
        }
        #expect(name.contains("AIFF"))
        #expect(error.description.contains("WAV and FLAC"))
    }

    @Test("raw input with an impossible rate is invalidSampleRate", arguments: [0, -16_000, 10_000_000])
    func rawRate(rate: Int) throws {
        let url = AudioFixtures.url("sine440_16k_pcm16le.raw")
        let error = try #require(self.openError(url, rawFormat: .raw(sampleRate: rate)))
        #expect(error == .invalidSampleRate(rate, path: url.path))
        #expect(error.description.contains("1000 to 384000 Hz"))
    }

    @Test("raw input with an impossible channel count is invalidChannelCount", arguments: [0, -1, 9, 1_000])
    func rawChannels(channelCount: Int) throws {
        let url = AudioFixtures.url("sine440_16k_pcm16le.raw")
        let error = try #require(
            self.openError(url, rawFormat: .raw(sampleRate: 16_000, channelCount: channelCount)))
        #expect(error == .invalidChannelCount(channelCount, path: url.path))
        #expect(error.description.contains("1 to 8"))
    }

    @Test("raw input whose size is not a whole number of frames is read and flagged truncated")
    func rawPartialFrame() throws {
        // 16 000 bytes of 24-bit mono is 5 333 frames and one byte.
        let url = AudioFixtures.url("sine440_16k_pcm16le.raw")
        let reader = try AudioFileReader(contentsOf: url, rawFormat: .raw(encoding: .pcm24, sampleRate: 16_000))
        #expect(reader.fileDescription.isTruncated)
        #expect(reader.fileDescription.frameCount == 5_333)
    }

    @Test("an unreadable file is a library or system error, not a crash")
    func unreadable() throws {
        guard getuid() != 0 else { return }  // root reads anything; the check has nothing to show there.
        let folder = try AudioFixtures.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("locked.wav")
        try FileManager.default.copyItem(at: AudioFixtures.url("sine440_16k_pcm16.wav"), to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url.path)
        let error = try #require(self.openError(url))
        switch error {
        case .library, .system: break
        default: Issue.record("expected a library or system error, got \(error)")
        }
    }

    @Test(
        "every error's message names its file",
        arguments: [
            AudioFileError.fileNotFound(path: "/x/a.wav"), .notAFile(path: "/x/a.wav"), .emptyFile(path: "/x/a.wav"),
            .malformedHeader(path: "/x/a.wav", SndFileError(code: .malformedFile, message: "m")),
            .notAudio(path: "/x/a.wav", SndFileError(code: .unrecognisedFormat, message: "m")),
            .unsupportedContainer(path: "/x/a.wav", name: "AIFF"), .unsupportedEncoding(path: "/x/a.wav", name: "GSM"),
            .invalidSampleRate(0, path: "/x/a.wav"), .invalidChannelCount(0, path: "/x/a.wav"),
            .unsupportedConversion(path: "/x/a.wav", fromSampleRate: 11_025, toSampleRate: 16_000),
            .unsupportedChannelConversion(path: "/x/a.wav", fromChannelCount: 3, toChannelCount: 2),
            .directoryNotFound(path: "/x/a.wav"), .partialFrame(path: "/x/a.wav", sampleCount: 3, channelCount: 2),
            .writerClosed(path: "/x/a.wav"),
            .damagedAudio(path: "/x/a.wav", framePosition: 1, SndFileError(code: .system, message: "m")),
            .library(path: "/x/a.wav", SndFileError(code: .system, message: "m")),
            .system(path: "/x/a.wav", operation: "renaming", errno: ENOENT),
        ])
    func messagesNameTheFile(error: AudioFileError) {
        #expect(error.path == "/x/a.wav")
        #expect(error.description.hasPrefix("/x/a.wav: "))
        #expect(error.localizedDescription == error.description)
    }
}

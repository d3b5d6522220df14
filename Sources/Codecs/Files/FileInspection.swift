import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks on a file's bytes that libsndfile does not report: what the file starts with and whether a WAV's data
/// chunk is cut short.
///
/// Not real-time safe: control thread only.
enum FileInspection {
    /// What the file starts with, judged from its first bytes.
    enum Signature: Equatable {
        case riffWAVE
        case otherRIFF
        case flac
        case unknown
    }

    /// What `stat` says about a path.
    struct Status {
        var isRegularFile: Bool
        var byteCount: Int
    }

    /// The outcome of looking a path up.
    enum Lookup {
        case found(Status)
        /// `stat` failed with this `errno` value.
        case failed(Int32)
    }

    /// Looks the path up with `stat`, following symbolic links.
    static func status(path: String) -> Lookup {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failed(errno) }
        return .found(Status(isRegularFile: (info.st_mode & S_IFMT) == S_IFREG, byteCount: Int(info.st_size)))
    }

    /// The first bytes of a file, at most `byteCount`.
    static func leadingBytes(path: String, byteCount: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: byteCount)).map { Array($0) } ?? []
    }

    /// Classifies a file by its first bytes.
    static func signature(of bytes: [UInt8]) -> Signature {
        guard bytes.count >= 4 else { return .unknown }
        let magic = String(decoding: bytes[0..<4], as: UTF8.self)
        switch magic {
        case "RIFF", "RIFX", "RF64":
            let form = bytes.count >= 12 ? String(decoding: bytes[8..<12], as: UTF8.self) : ""
            return form == "WAVE" ? .riffWAVE : .otherRIFF
        case "fLaC": return .flac
        case "FORM": return .otherRIFF
        default: return .unknown
        }
    }

    /// Whether a RIFF WAVE's `data` chunk claims more bytes than follow it in the file.
    ///
    /// Walks the chunk headers from byte 12. Returns `false` when the file is not little-endian RIFF WAVE, when
    /// the data chunk is not within the first 64 KiB of headers, or when its size is the 0xFFFFFFFF placeholder
    /// that RF64 and streaming writers use.
    ///
    /// - Complexity: O(number of chunks before `data`), reading at most 64 KiB.
    static func isDataChunkTruncated(path: String, fileByteCount: Int) -> Bool {
        let bytes = self.leadingBytes(path: path, byteCount: 65_536)
        guard bytes.count >= 12, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" else { return false }

        var offset = 12
        while offset + 8 <= bytes.count {
            let identifier = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size =
                Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                | Int(bytes[offset + 7]) << 24
            if identifier == "data" {
                guard size != 0xFFFF_FFFF else { return false }
                return offset + 8 + size > fileByteCount
            }
            // Chunks are padded to an even size.
            offset += 8 + size + (size & 1)
        }
        return false
    }
}

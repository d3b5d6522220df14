import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A uniquely named file beside a destination, renamed over it on `commit()` or removed on `remove()`.
///
/// The POSIX calls of atomic writing live here: `mkstemp` creates the file (so two writers never share a name),
/// `fsync` and `rename` make it appear whole under the destination's name, in one step, on the same file system.
///
/// Every writer of finished files goes through it (audio files, Opus packet files, headerless G.711), so
/// nothing Attendant writes is ever seen half-written.
///
/// Not real-time safe: control thread only.
public final class TemporaryFile {
    /// The destination the file is renamed to.
    public let destination: String
    /// The temporary file's path, `.<name>.partial-XXXXXX` in the destination's folder.
    public let path: String
    /// An open read-write descriptor of the temporary file, closed by `commit()` or `remove()`.
    let descriptor: Int32
    private var isOpen = true

    /// Creates the temporary file.
    ///
    /// - Throws: `AudioFileError.directoryNotFound` when the destination's folder does not exist, `.system` when
    ///   the file cannot be created there.
    public init(besideDestination destination: String) throws(AudioFileError) {
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .directoryNotFound(path: destination)
        }

        var template = Array("\(folder)/.\(url.lastPathComponent).partial-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .system(path: destination, operation: "creating a temporary file in \(folder)", errno: errno)
        }
        // mkstemp makes the file private (0600); a finished audio file is as readable as any other the user makes.
        _ = fchmod(descriptor, 0o644)
        self.destination = destination
        self.path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit {
        self.remove()
    }

    /// Appends `bytes` to the temporary file.
    ///
    /// - Throws: `AudioFileError.system` when the write fails (a full disk, say); the caller then calls `remove()`
    ///   or lets the file go.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(AudioFileError) {
        guard self.isOpen else {
            throw .system(path: self.destination, operation: "writing after the file was finished", errno: EBADF)
        }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(self.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .system(
                    path: self.destination, operation: "writing the temporary file \(self.path)", errno: errno)
            }
            offset += written
        }
    }

    /// Flushes the file to disk, closes it and renames it over the destination.
    ///
    /// - Throws: `AudioFileError.system` when the rename fails; the temporary file is then removed.
    public func commit() throws(AudioFileError) {
        guard self.isOpen else { return }
        self.isOpen = false
        _ = fsync(self.descriptor)
        _ = close(self.descriptor)
        guard rename(self.path, self.destination) == 0 else {
            let code = errno
            _ = unlink(self.path)
            throw .system(path: self.destination, operation: "renaming the finished file into place", errno: code)
        }
    }

    /// Closes and deletes the temporary file; safe to call more than once.
    public func remove() {
        guard self.isOpen else { return }
        self.isOpen = false
        _ = close(self.descriptor)
        _ = unlink(self.path)
    }
}

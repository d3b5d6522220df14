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
/// Not real-time safe: control thread only.
final class TemporaryFile {
    /// The destination the file is renamed to.
    let destination: String
    /// The temporary file's path, `.<name>.partial-XXXXXX` in the destination's folder.
    let path: String
    /// An open read-write descriptor of the temporary file, closed by `commit()` or `remove()`.
    let descriptor: Int32
    private var isOpen = true

    /// Creates the temporary file.
    ///
    /// - Throws: `AudioFileError.directoryNotFound` when the destination's folder does not exist, `.system` when
    ///   the file cannot be created there.
    init(besideDestination destination: String) throws(AudioFileError) {
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

    /// Flushes the file to disk, closes it and renames it over the destination.
    ///
    /// - Throws: `AudioFileError.system` when the rename fails; the temporary file is then removed.
    func commit() throws(AudioFileError) {
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
    func remove() {
        guard self.isOpen else { return }
        self.isOpen = false
        _ = close(self.descriptor)
        _ = unlink(self.path)
    }
}

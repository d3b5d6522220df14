import CSndFile

/// Every call into libsndfile goes through this file; the rest of the module sees Swift types.
///
/// Not real-time safe: control thread only. libsndfile does file I/O and may allocate on every call.
enum SndFile {
    /// The libsndfile error of the last failed `sf_open` (which has no handle to ask).
    static func lastOpenError() -> SndFileError {
        SndFileError(code: .init(rawValue: sf_error(nil)), message: String(cString: sf_strerror(nil)))
    }

    /// Opens `path` for reading; `info` carries the format for headerless input and receives the file's format.
    static func openForReading(path: String, info: inout SF_INFO) -> Result<Handle, SndFileError> {
        guard let pointer = sf_open(path, Int32(SFM_READ), &info) else {
            return .failure(self.lastOpenError())
        }
        return .success(Handle(pointer))
    }

    /// Opens a new file for writing on a descriptor the caller owns and closes after the handle.
    static func openForWriting(descriptor: Int32, info: inout SF_INFO) -> Result<Handle, SndFileError> {
        guard let pointer = sf_open_fd(descriptor, Int32(SFM_WRITE), &info, Int32(SF_FALSE)) else {
            return .failure(self.lastOpenError())
        }
        return .success(Handle(pointer))
    }

    /// Whether libsndfile can write this combination of container, encoding, rate and channel count
    /// (`sf_format_check`).
    static func canWrite(_ info: SF_INFO) -> Bool {
        var info = info
        return sf_format_check(&info) == Int32(SF_TRUE)
    }

    /// libsndfile's name for a container or encoding value, for example "AIFF (Apple/SGI)" or "IMA ADPCM".
    ///
    /// - Parameters:
    ///   - format: one `SF_FORMAT_…` value (a container or an encoding, not both).
    ///   - isContainer: whether `format` is a container (major) rather than an encoding (subtype).
    static func name(ofFormat format: Int32, isContainer: Bool) -> String? {
        var formatInfo = SF_FORMAT_INFO(format: format, name: nil, extension: nil)
        let command = isContainer ? SFC_GET_FORMAT_MAJOR : SFC_GET_FORMAT_SUBTYPE
        let count = Int32(isContainer ? SFC_GET_FORMAT_MAJOR_COUNT : SFC_GET_FORMAT_SUBTYPE_COUNT)
        var total: Int32 = 0
        _ = sf_command(nil, count, &total, Int32(MemoryLayout<Int32>.size))
        for index in 0..<total {
            formatInfo.format = index
            let status = sf_command(nil, Int32(command), &formatInfo, Int32(MemoryLayout<SF_FORMAT_INFO>.size))
            if status == 0, formatInfo.format == format, let name = formatInfo.name {
                return String(cString: name)
            }
        }
        return nil
    }

    /// An open libsndfile handle; closes itself when released.
    ///
    /// Not thread-safe: one owner at a time.
    final class Handle {
        private let pointer: OpaquePointer
        private var isClosed = false

        fileprivate init(_ pointer: OpaquePointer) {
            self.pointer = pointer
        }

        deinit {
            if !self.isClosed {
                sf_close(self.pointer)
            }
        }

        /// The error libsndfile last reported for this handle, or `nil` when there is none.
        var lastError: SndFileError? {
            let code = sf_error(self.pointer)
            guard code != 0 else { return nil }
            return SndFileError(code: .init(rawValue: code), message: String(cString: sf_strerror(self.pointer)))
        }

        /// Reads up to `frameCount` interleaved frames (`sf_readf_float`); returns the frames read.
        func readFrames(into buffer: UnsafeMutablePointer<Float>, frameCount: Int) -> Int {
            Int(sf_readf_float(self.pointer, buffer, sf_count_t(frameCount)))
        }

        /// Writes `frameCount` interleaved frames (`sf_writef_float`); returns the frames written.
        func writeFrames(_ buffer: UnsafePointer<Float>, frameCount: Int) -> Int {
            Int(sf_writef_float(self.pointer, buffer, sf_count_t(frameCount)))
        }

        /// Writes `frameCount` interleaved frames (`sf_writef_short`); returns the frames written.
        func writeFrames(_ buffer: UnsafePointer<Int16>, frameCount: Int) -> Int {
            Int(sf_writef_short(self.pointer, buffer, sf_count_t(frameCount)))
        }

        /// Writes `frameCount` interleaved frames (`sf_writef_int`); returns the frames written.
        func writeFrames(_ buffer: UnsafePointer<Int32>, frameCount: Int) -> Int {
            Int(sf_writef_int(self.pointer, buffer, sf_count_t(frameCount)))
        }

        /// Moves to `frame` from the start (`sf_seek` with `SEEK_SET`); returns the new position or -1.
        func seek(toFrame frame: Int) -> Int {
            Int(sf_seek(self.pointer, sf_count_t(frame), SEEK_SET))
        }

        /// Closes the handle (`sf_close`), which also rewrites the header of a file open for writing.
        ///
        /// - Returns: libsndfile's error when closing failed, else `nil`.
        func close() -> SndFileError? {
            guard !self.isClosed else { return nil }
            self.isClosed = true
            let code = sf_close(self.pointer)
            guard code != 0 else { return nil }
            return SndFileError(code: .init(rawValue: code), message: String(cString: sf_error_number(code)))
        }
    }
}

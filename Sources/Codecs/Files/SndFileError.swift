import CSndFile

/// An error reported by libsndfile, with the library's own code and message.
///
/// libsndfile's public codes are the four `SF_ERR_…` values; its internal codes (above 4) also reach `sf_error`
/// and keep their meaning through the message from `sf_strerror`, so the code is kept as a raw value rather than
/// a closed enum.
///
/// Not real-time safe: control thread only. It carries a string.
public struct SndFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A libsndfile error code, as returned by `sf_error`.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `SF_ERR_UNRECOGNISED_FORMAT`: the file's contents match no format libsndfile knows.
        public static let unrecognisedFormat = Code(rawValue: Int32(SF_ERR_UNRECOGNISED_FORMAT))
        /// `SF_ERR_SYSTEM`: the operating system refused an operation (permissions, disk full, …).
        public static let system = Code(rawValue: Int32(SF_ERR_SYSTEM))
        /// `SF_ERR_MALFORMED_FILE`: the header is recognised but damaged.
        public static let malformedFile = Code(rawValue: Int32(SF_ERR_MALFORMED_FILE))
        /// `SF_ERR_UNSUPPORTED_ENCODING`: the container is known but its sample encoding is not.
        public static let unsupportedEncoding = Code(rawValue: Int32(SF_ERR_UNSUPPORTED_ENCODING))
    }

    /// The code libsndfile reported.
    public var code: Code

    /// libsndfile's message for the code, from `sf_strerror`.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "libsndfile error \(self.code.rawValue): \(self.message)" }
}

import Foundation

/// The weights of the mel front end and the speech-embedding network, read from `models/speech-embedding.bin`
/// (written by `tools/fetch-speech-embedding` from the openwakeword 0.5.1 wheel).
///
/// The file is little-endian: the magic `ATSE`, a `UInt32` version (1) and a `UInt32` tensor count, then per
/// tensor a `UInt16` name byte count, the UTF-8 name, a `UInt8` rank, `rank` `UInt32` dimensions and the values
/// as `Float32` in row-major order. Loading checks every tensor `SpeechEmbeddingArchitecture.tensorShapes` names
/// against its expected dimensions; a damaged file is a typed error, never a crash.
///
/// Not real-time safe: reads a file and allocates. Control thread only.
public struct SpeechEmbeddingWeights: Sendable {
    /// One tensor: its dimensions and its values in row-major order.
    public struct Tensor: Sendable, Hashable {
        /// Dimensions, outermost first.
        public var dimensions: [Int]
        /// `dimensions.reduce(1, *)` values.
        public var values: [Float]
    }

    /// The file name looked for under `models/`.
    public static let fileName = "speech-embedding.bin"

    /// The environment variable naming the folder that holds `speech-embedding.bin`.
    public static let directoryVariable = "ATTENDANT_MODEL_DIR"

    /// Where the weights were read from.
    public let path: String

    /// Every tensor in the file, by name.
    public let tensors: [String: Tensor]

    /// Reads and checks the weight file at `url`.
    ///
    /// Not real-time safe: reads a file and allocates. Control thread only.
    ///
    /// - Throws: `SpeechEmbeddingWeightsError` naming the file and what is wrong with it.
    public init(contentsOf url: URL) throws(SpeechEmbeddingWeightsError) {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        try self.init(data: data, path: path)
    }

    /// Parses and checks weight-file bytes; `path` only names them in errors.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `SpeechEmbeddingWeightsError` naming `path` and what is wrong with the bytes.
    public init(data: Data, path: String) throws(SpeechEmbeddingWeightsError) {
        var reader = ByteReader(bytes: [UInt8](data), path: path)
        guard data.count >= 4, Array(data.prefix(4)) == Array("ATSE".utf8) else { throw .wrongMagic(path: path) }
        reader.offset = 4
        let version = try reader.uint32(what: "the header")
        guard version == 1 else { throw .unsupportedVersion(path: path, version: version) }
        let count = try reader.uint32(what: "the header")

        var tensors: [String: Tensor] = [:]
        for _ in 0..<count {
            let start = reader.offset
            let nameByteCount = try reader.uint16(what: "a tensor header")
            let nameBytes = try reader.bytes(nameByteCount, what: "a tensor name")
            guard let name = String(validating: nameBytes, as: UTF8.self), !name.isEmpty else {
                throw .malformedTensor(path: path, byteOffset: start, reason: "its name is not UTF-8 text")
            }
            let rank = try reader.uint8(what: "the header of tensor \(name)")
            guard (1...4).contains(rank) else {
                throw .malformedTensor(path: path, byteOffset: start, reason: "tensor \(name) has rank \(rank)")
            }
            var dimensions: [Int] = []
            for _ in 0..<rank { dimensions.append(try reader.uint32(what: "the dimensions of tensor \(name)")) }
            var valueCount = 1
            for dimension in dimensions {
                let (product, overflow) = valueCount.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw .malformedTensor(path: path, byteOffset: start, reason: "tensor \(name) is too large")
                }
                valueCount = product
            }
            let values = try reader.floats(valueCount, what: "the values of tensor \(name)")
            guard tensors[name] == nil else { throw .duplicateTensor(path: path, name: name) }
            tensors[name] = Tensor(dimensions: dimensions, values: values)
        }
        if reader.offset != reader.bytes.count {
            throw .trailingBytes(path: path, byteCount: reader.bytes.count - reader.offset)
        }

        for (name, expected) in SpeechEmbeddingArchitecture.tensorShapes {
            guard let tensor = tensors[name] else { throw .missingTensor(path: path, name: name) }
            guard tensor.dimensions == expected else {
                throw .wrongShape(path: path, name: name, expected: expected, actual: tensor.dimensions)
            }
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(path: path, name: name, index: index)
            }
        }
        self.path = path
        self.tensors = tensors
    }

    /// The values of a tensor that loading checked; traps for any other name.
    ///
    /// Not real-time safe: returns an array. Control thread only.
    public func values(_ name: String) -> [Float] {
        guard let tensor = self.tensors[name] else { preconditionFailure("no tensor \(name) in \(self.path)") }
        return tensor.values
    }

    /// Finds and reads the weights: `$ATTENDANT_MODEL_DIR/speech-embedding.bin` when the variable is set, else the
    /// first `models/speech-embedding.bin` in the executable's folder or the current folder or any folder above
    /// either.
    ///
    /// Not real-time safe: reads files. Control thread only.
    ///
    /// - Throws: `SpeechEmbeddingWeightsError.notFound` listing where it looked, or an error reading the file.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SpeechEmbeddingWeightsError) -> SpeechEmbeddingWeights {
        try SpeechEmbeddingWeights(contentsOf: Self.locate(environment: environment))
    }

    /// Where `load()` reads the weights from; see `load(environment:)`.
    ///
    /// Not real-time safe: checks files. Control thread only.
    ///
    /// - Throws: `SpeechEmbeddingWeightsError.notFound` listing where it looked.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SpeechEmbeddingWeightsError) -> URL {
        if let directory = environment[Self.directoryVariable], !directory.isEmpty {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName)
            guard FileManager.default.fileExists(atPath: url.path) else { throw .fileNotFound(path: url.path) }
            return url
        }
        // /proc/self/exe names the executable even when argv[0] is a bare name found through PATH.
        let selfLink = URL(fileURLWithPath: "/proc/self/exe")
        let executable =
            FileManager.default.fileExists(atPath: selfLink.path)
            ? selfLink.resolvingSymlinksInPath()
            : URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let starts = [
            executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ]
        var searched: [String] = []
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent("models").appendingPathComponent(Self.fileName)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
            searched.append("models/\(Self.fileName) in \(start.path) and above")
        }
        searched.insert("$\(Self.directoryVariable)", at: 0)
        throw .notFound(searched: searched)
    }
}

/// Little-endian reads from the weight file's bytes, each failing with `truncated` when the file ends early.
private struct ByteReader {
    let bytes: [UInt8]
    let path: String
    var offset = 0

    mutating func bytes(_ count: Int, what: String) throws(SpeechEmbeddingWeightsError) -> ArraySlice<UInt8> {
        guard count <= self.bytes.count - self.offset else {
            throw .truncated(path: self.path, byteOffset: self.bytes.count, what: what)
        }
        defer { self.offset += count }
        return self.bytes[self.offset..<self.offset + count]
    }

    mutating func uint8(what: String) throws(SpeechEmbeddingWeightsError) -> Int {
        Int(try self.bytes(1, what: what).first!)
    }

    mutating func uint16(what: String) throws(SpeechEmbeddingWeightsError) -> Int {
        let slice = try self.bytes(2, what: what)
        return Int(slice[slice.startIndex]) | Int(slice[slice.startIndex + 1]) << 8
    }

    mutating func uint32(what: String) throws(SpeechEmbeddingWeightsError) -> Int {
        Int(try self.word(what: what))
    }

    mutating func word(what: String) throws(SpeechEmbeddingWeightsError) -> UInt32 {
        let slice = try self.bytes(4, what: what)
        var value: UInt32 = 0
        for (shift, byte) in zip(stride(from: 0, to: 32, by: 8), slice) { value |= UInt32(byte) << UInt32(shift) }
        return value
    }

    mutating func floats(_ count: Int, what: String) throws(SpeechEmbeddingWeightsError) -> [Float] {
        guard count <= (self.bytes.count - self.offset) / 4 else {
            throw .truncated(path: self.path, byteOffset: self.bytes.count, what: what)
        }
        let start = self.offset
        self.offset += 4 * count
        return self.bytes.withUnsafeBytes { raw in
            (0..<count).map { index in
                Float(
                    bitPattern: UInt32(
                        littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * index, as: UInt32.self)))
            }
        }
    }
}

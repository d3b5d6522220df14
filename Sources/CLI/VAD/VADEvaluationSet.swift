import Foundation

/// The audio files and label files an evaluation runs over, found from a folder or a manifest.
///
/// A folder: every `.wav` and `.flac` file in it, each with the first label file found of `<name>.lab`,
/// `<name>.utt.lab`, or `<track>.lab` where the track is the name up to its first `_` (the `vad_concat` layout,
/// one label file per track). A manifest: `vad_concat`'s `manifest.json` (tracks with `labels` and `wav_variants`)
/// or a text file of `audio labels` lines, paths relative to the manifest.
///
/// Not real-time safe: control thread only.
struct VADEvaluationSet {
    /// One file to evaluate.
    struct Item: Equatable {
        var audioPath: String
        var labelsPath: String
    }

    var items: [Item]

    /// Finds the items under `path`.
    ///
    /// - Throws: `VADInputError` when nothing is found or a manifest is not understood.
    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VADInputError.noAudio(path: path)
        }
        let url = URL(fileURLWithPath: path)
        if isDirectory.boolValue {
            self.items = try Self.scanFolder(url)
        } else if url.pathExtension == "json" {
            self.items = try Self.readJSONManifest(url)
        } else {
            self.items = try Self.readTextManifest(url)
        }
        guard !self.items.isEmpty else { throw VADInputError.noAudio(path: path) }
    }

    private static func scanFolder(_ folder: URL) throws -> [Item] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.filter { $0.hasSuffix(".wav") || $0.hasSuffix(".flac") }.map { name in
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            var candidates = ["\(stem).lab", "\(stem).utt.lab"]
            if let underscore = stem.firstIndex(of: "_") { candidates.append("\(stem[..<underscore]).lab") }
            let paths = candidates.map { folder.appendingPathComponent($0).path }
            guard let labels = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw VADInputError.missingLabels(audioPath: folder.appendingPathComponent(name).path, tried: paths)
            }
            return Item(audioPath: folder.appendingPathComponent(name).path, labelsPath: labels)
        }
    }

    private static func readJSONManifest(_ url: URL) throws -> [Item] {
        let folder = url.deletingLastPathComponent()
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url))
        guard let tracks = object as? [[String: Any]] else {
            throw VADInputError.malformedManifest(
                path: url.path, reason: "expected a JSON array of tracks with 'labels' and 'wav_variants'")
        }
        return try tracks.flatMap { track -> [Item] in
            guard let labels = track["labels"] as? String, let variants = track["wav_variants"] as? [String] else {
                throw VADInputError.malformedManifest(
                    path: url.path, reason: "every track needs 'labels' (a .lab file) and 'wav_variants' (a list)")
            }
            return variants.map {
                Item(
                    audioPath: folder.appendingPathComponent($0).path,
                    labelsPath: folder.appendingPathComponent(labels).path)
            }
        }
    }

    private static func readTextManifest(_ url: URL) throws -> [Item] {
        let folder = url.deletingLastPathComponent()
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").enumerated().compactMap { index, line -> Item? in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty || fields[0].hasPrefix("#") { return nil }
            guard fields.count == 2 else {
                throw VADInputError.malformedManifest(
                    path: url.path,
                    reason: "line \(index + 1): expected '<audio> <labels.lab>', or give a folder or manifest.json")
            }
            func resolve(_ field: Substring) -> String {
                field.hasPrefix("/") ? String(field) : folder.appendingPathComponent(String(field)).path
            }
            return Item(audioPath: resolve(fields[0]), labelsPath: resolve(fields[1]))
        }
    }
}

import Foundation

/// Where the tests find their inputs: fixtures inside the package, corpora in the sibling `shared` folder.
enum TestPaths {
    /// The package root: this file is `<root>/Tests/CodecsTests/Support/TestPaths.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A committed fixture, for example `fixture("g711/alaw-encode.u8")`.
    static func fixture(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relativePath)
    }

    /// The shared speech corpora, `../shared/corpora` from the package root in every checkout.
    static let corpora = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")

    /// A fresh, empty directory for files a test writes.
    static func makeScratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("attendant-codecs-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

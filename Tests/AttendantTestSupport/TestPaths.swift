import Foundation

/// Where every test target finds its inputs: fixtures inside the package, the shared corpora beside it, and
/// scratch folders for what a test writes.
public enum TestPaths {
    /// The package root: this file is `<root>/Tests/AttendantTestSupport/TestPaths.swift`.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A committed fixture, for example `fixture("g711/alaw-encode.u8")`.
    public static func fixture(_ relativePath: String) -> URL {
        self.packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relativePath)
    }

    /// The shared speech corpora: `../shared/corpora` from the package root in every checkout, CI's included.
    public static let corpora = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")

    /// A file of the shared corpora, for example `corpus("asr_fsdd/recordings/0_george_0.wav")`.
    public static func corpus(_ relativePath: String) -> URL {
        self.corpora.appendingPathComponent(relativePath)
    }

    /// A fresh, empty folder under the system's temporary directory for files a test writes.
    public static func makeScratchDirectory(label: String = "attendant-tests") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

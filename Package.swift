// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The DSP targets (sample conversion, G.711, later VAD features and spotting scores) are built for x86-64 with
/// AVX2 and FMA: with Swift's default SSE2 baseline, `SIMD…addingProduct` becomes per-lane `fmaf` calls that run
/// slower than scalar code. `ATTENDANT_PORTABLE=1` at build time drops the flag for machines without AVX2; the
/// binary then runs the same code on the SSE2 baseline. `attendant` refuses to start on a CPU that lacks what it
/// was built for (see `CPUFeatures`), so a wrong build fails with a message, not an illegal instruction.
let isPortableBuild = ProcessInfo.processInfo.environment["ATTENDANT_PORTABLE"] == "1"
let dspSwiftSettings: [SwiftSetting] =
    isPortableBuild
    ? [.define("ATTENDANT_PORTABLE")]
    : [.unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux]))]

func systemLibrary(_ name: String, pkgConfig: String?, apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt(apt)])
}

let package = Package(
    name: "Attendant",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "attendant", targets: ["attendant"]),
        .executable(name: "attendant-bench", targets: ["AttendantBench"]),
    ],
    targets: [
        // C libraries, one system-library target each.
        systemLibrary("CALSA", pkgConfig: "alsa", apt: ["libasound2-dev"]),
        systemLibrary("COpus", pkgConfig: "opus", apt: ["libopus-dev"]),
        systemLibrary("CSndFile", pkgConfig: "sndfile", apt: ["libsndfile1-dev"]),
        systemLibrary("CSpeexDSP", pkgConfig: "speexdsp", apt: ["libspeexdsp-dev"]),
        systemLibrary(
            "CPocketSphinx", pkgConfig: "pocketsphinx",
            apt: ["libpocketsphinx-dev", "libsphinxbase-dev", "pocketsphinx-en-us"]),
        systemLibrary("CFlite", pkgConfig: nil, apt: ["flite1-dev"]),
        systemLibrary("CEspeakNG", pkgConfig: "espeak-ng", apt: ["libespeak-ng-dev"]),
        systemLibrary("CSQLite", pkgConfig: "sqlite3", apt: ["libsqlite3-dev"]),
        systemLibrary(
            "CWebRTCAudioProcessing", pkgConfig: "webrtc-audio-processing", apt: ["libwebrtc-audio-processing-dev"]),

        // webrtc-audio-processing is C++ only: this target exports a plain C interface to it.
        .target(
            name: "WebRTCShim",
            dependencies: ["CWebRTCAudioProcessing"],
            cxxSettings: [
                // SwiftPM drops `-D` flags from pkg-config output; the headers need these.
                .define("WEBRTC_POSIX"),
                .define("WEBRTC_LINUX"),
                .define("WEBRTC_AUDIO_PROCESSING_ONLY_BUILD"),
            ]
        ),
        // Small C helpers: CPU feature checks.
        .target(name: "CPlatform"),

        // Pipeline stages.
        .target(name: "AudioCore", dependencies: ["CPlatform"], swiftSettings: dspSwiftSettings),
        .target(
            name: "Codecs", dependencies: ["AudioCore", "COpus", "CSndFile", "CSpeexDSP"],
            swiftSettings: dspSwiftSettings),
        .target(name: "Voice", dependencies: ["AudioCore", "WebRTCShim"], swiftSettings: dspSwiftSettings),
        .target(
            name: "Spotting", dependencies: ["AudioCore"], resources: [.copy("Heads/Trained")],
            swiftSettings: dspSwiftSettings),
        .target(name: "Recognition", dependencies: ["AudioCore", "CPocketSphinx", "Speech"]),
        .target(name: "Understanding"),
        .target(name: "Speech", dependencies: ["AudioCore", "Codecs", "CFlite", "CEspeakNG"]),
        .target(name: "Practice", dependencies: ["AudioCore", "CSQLite"]),
        .target(name: "Dialogue", dependencies: ["Practice", "Understanding"]),
        .target(name: "Devices", dependencies: ["AudioCore", "Codecs", "CALSA"]),
        .target(
            name: "Call",
            dependencies: [
                "AudioCore", "Codecs", "Voice", "Spotting", "Recognition", "Understanding", "Speech", "Practice",
                "Dialogue", "Devices",
            ]
        ),
        .target(
            name: "CLI",
            dependencies: [
                "AudioCore", "Codecs", "Voice", "Spotting", "Recognition", "Understanding", "Speech", "Practice",
                "Dialogue", "Devices", "Call",
            ]
        ),
        .executableTarget(name: "attendant", dependencies: ["CLI"]),
        // Counts heap allocations in the benchmark executable only.
        .target(name: "CAllocationCounter", path: "Benchmarks/CAllocationCounter"),
        .executableTarget(
            name: "AttendantBench",
            dependencies: [
                "AudioCore", "Codecs", "Voice", "Spotting", "Understanding", "Recognition", "Speech", "Call",
                "CAllocationCounter",
            ],
            path: "Benchmarks/AttendantBench"),

        // Tests, and what they share.
        .target(name: "AttendantTestSupport", path: "Tests/AttendantTestSupport"),
        .testTarget(name: "AudioCoreTests", dependencies: ["AudioCore", "AttendantTestSupport"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs", "AudioCore", "AttendantTestSupport"]),
        .testTarget(name: "BindingsTests", dependencies: ["Voice", "Recognition", "Speech", "Practice", "Devices"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "Speech", "Codecs", "AttendantTestSupport"]),
        .testTarget(
            name: "CallTests",
            dependencies: [
                "Call", "Dialogue", "Practice", "Understanding", "Speech", "Spotting", "Recognition", "Devices",
                "Voice", "AudioCore", "AttendantTestSupport",
            ]),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "AudioCore", "AttendantTestSupport"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue", "Practice", "Understanding"]),
        .testTarget(name: "PracticeTests", dependencies: ["Practice", "AttendantTestSupport"]),
        .testTarget(
            name: "RecognitionTests",
            dependencies: ["Recognition", "Understanding", "Speech", "Codecs", "AudioCore", "AttendantTestSupport"]),
        .testTarget(
            name: "SpottingTests", dependencies: ["Spotting", "AudioCore", "Codecs", "Speech", "AttendantTestSupport"]),
        .testTarget(name: "SpeechTests", dependencies: ["Speech", "Codecs"]),
        .testTarget(name: "UnderstandingTests", dependencies: ["Understanding"]),
        .testTarget(name: "VoiceTests", dependencies: ["Voice", "AudioCore", "Codecs"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx14
)

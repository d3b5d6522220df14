import AudioCore
import Codecs
import Devices
import Practice
import Recognition
import Speech
import Spotting
import Voice

/// `attendant check`: confirms that this machine has everything Attendant needs, library by library.
struct CheckCommand: Command {
    let name = "check"
    let summary = "Check the CPU, every linked library and the speech models"
    let usage = """
        Usage: attendant check [--json]

        Loads every library Attendant uses and makes one real call into each: the CPU's instruction set, ALSA,
        Opus, libsndfile, webrtc-audio-processing, pocketsphinx and its en-us model, flite, espeak-ng and SQLite.
        Exits 1 when any check fails, naming what to install.

        Options:
          --json    One JSON object instead of a table.
        """

    /// One line of the report.
    struct Result {
        var component: String
        var isPassing: Bool
        var detail: String
    }

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: [])
        try parsed.expectPositionalCount(atMost: 0)

        let results = Self.runChecks()
        if parsed.has("json") {
            let entries = results.map { result in
                "{\"component\":\(jsonString(result.component)),\"ok\":\(result.isPassing),"
                    + "\"detail\":\(jsonString(result.detail))}"
            }
            console.print("{\"checks\":[\(entries.joined(separator: ","))]}")
        } else {
            let width = results.map(\.component.count).max() ?? 0
            for result in results {
                let mark = result.isPassing ? "ok  " : "FAIL"
                console.print(
                    "\(mark)  \(result.component.padding(toLength: width, withPad: " ", startingAt: 0))  \(result.detail)"
                )
            }
        }
        let hasFailure = results.contains { !$0.isPassing }
        if hasFailure {
            console.printError("attendant check: some checks failed; run tools/setup to install what is missing")
        }
        return hasFailure ? ExitStatus.failure : ExitStatus.success
    }

    static func runChecks() -> [Result] {
        var results: [Result] = []
        let cpuDetail =
            CPUFeatures.isBuiltForAVX2
            ? (CPUFeatures.hasAVX2 ? "AVX2+FMA build on an AVX2 CPU" : "AVX2 build, but this CPU lacks AVX2")
            : "portable build (SSE2 baseline)"
        results.append(
            Result(component: "cpu", isPassing: CPUFeatures.incompatibilityMessage == nil, detail: cpuDetail))
        results.append(Result(component: "alsa", isPassing: true, detail: "libasound \(ALSALibrary.version)"))
        results.append(Result(component: "opus", isPassing: true, detail: CodecLibraries.opusVersion))
        results.append(Result(component: "sndfile", isPassing: true, detail: CodecLibraries.sndfileVersion))
        results.append(
            Result(
                component: "webrtc", isPassing: WebRTCLibrary.canProcess(sampleRate: 16000),
                detail: "webrtc-audio-processing: HPF, NS, AGC, AEC and VAD on a 16 kHz block"))
        results.append(
            Result(
                component: "pocketsphinx", isPassing: PocketSphinxLibrary.isModelInstalled,
                detail: PocketSphinxLibrary.isModelInstalled
                    ? "en-us model at \(PocketSphinxLibrary.modelDirectory)"
                    : "en-us model missing at \(PocketSphinxLibrary.modelDirectory) (package pocketsphinx-en-us)"))
        let fliteVoice = FliteLibrary.register(.slt)
        results.append(
            Result(
                component: "flite", isPassing: fliteVoice != nil,
                detail: fliteVoice != nil ? "voice cmu_us_slt registered" : "voice cmu_us_slt refused"))
        let espeakRate = EspeakLibrary.initializeForSynthesis()
        results.append(
            Result(
                component: "espeak-ng", isPassing: espeakRate != nil,
                detail: espeakRate.map { "espeak-ng \(EspeakLibrary.version) at \($0) Hz" }
                    ?? "data files missing (package espeak-ng-data)"))
        results.append(
            Result(
                component: "sqlite", isPassing: SQLiteLibrary.isThreadSafe,
                detail: "SQLite \(SQLiteLibrary.version)\(SQLiteLibrary.isThreadSafe ? "" : " built without threads")"))
        results.append(Self.spotterCheck())
        return results
    }

    /// The speech-embedding weights (from `tools/fetch-speech-embedding`) and the shipped spotter heads.
    static func spotterCheck() -> Result {
        do {
            let weights = try SpeechEmbeddingWeights.load()
            let heads = try SpotterHead.Trained.allCases.map { try SpotterHead.load($0).name }
            return Result(
                component: "spotter", isPassing: true,
                detail: "speech embedding at \(weights.path); heads \(heads.joined(separator: ", "))")
        } catch {
            return Result(component: "spotter", isPassing: false, detail: "\(error)")
        }
    }
}

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String {
    JSONLinesLogSink.quoted(text)
}

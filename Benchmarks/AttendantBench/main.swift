import Foundation

/// `attendant-bench`: the speed and allocation targets of the real-time paths, measured in one run.
let arguments = Array(CommandLine.arguments.dropFirst())

/// Every group, in the order they run; `isDefault` groups run without `--only`.
let groups: [(name: String, isDefault: Bool, run: (inout Report, Bool) -> Void)] = [
    ("ring", true, RingBenchmark.run),
    ("convert", true, ConversionBenchmark.run),
    ("g711", true, G711Benchmark.run),
    ("opus", true, OpusBenchmark.run),
    ("resample", true, ResamplerBenchmark.run),
    ("resample-sweep", false, ResamplerBenchmark.runSweep),
    ("apm", true, APMBenchmark.run),
    ("vad", true, VADBenchmark.run),
    ("understand", true, UnderstandingBenchmark.run),
    ("vad-count", false, VADBenchmark.runForInstructionCount),
    ("bargein", true, BargeInBenchmark.run),
    ("embedding", true, EmbeddingBenchmark.run),
    ("embedding-count", false, EmbeddingBenchmark.runForInstructionCount),
    ("recognition", false, RecognitionBenchmark.run),
    ("turn-latency", false, TurnLatencyBenchmark.run),
]
let usage = """
    Usage: attendant-bench [--json] [--quick] [--only GROUP[,GROUP…]]

    Measures the real-time paths and prints a table (or, with --json, one JSON record); exits 1 when a target
    is missed. Build with -c release for meaningful numbers.
      --quick   fewer iterations, for a smoke run
      --only    run only these groups
    Groups run by default: \(groups.filter(\.isDefault).map(\.name).joined(separator: ", "))
    On request: \(groups.filter { !$0.isDefault }.map(\.name).joined(separator: ", "))
    """
var isJSON = false
var isQuick = false
var onlyGroups: Set<String>?
var remaining = arguments[...]
while let argument = remaining.popFirst() {
    switch argument {
    case "--json": isJSON = true
    case "--quick": isQuick = true
    case "--only":
        guard let value = remaining.popFirst() else {
            FileHandle.standardError.write(Data("attendant-bench: --only needs a value\n\(usage)\n".utf8))
            exit(64)
        }
        onlyGroups = Set(value.split(separator: ",").map(String.init))
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        FileHandle.standardError.write(Data("attendant-bench: unknown argument '\(argument)'\n\(usage)\n".utf8))
        exit(64)
    }
}

if let onlyGroups, let unknown = onlyGroups.subtracting(groups.map(\.name)).first {
    FileHandle.standardError.write(Data("attendant-bench: unknown group '\(unknown)'\n\(usage)\n".utf8))
    exit(64)
}

var report = Report()
for group in groups where onlyGroups?.contains(group.name) ?? group.isDefault {
    group.run(&report, isQuick)
}

#if DEBUG
    let buildConfiguration = "debug"
#else
    let buildConfiguration = "release"
#endif
if isJSON {
    print(
        report.json(machine: [
            "cores": String(ProcessInfo.processInfo.activeProcessorCount),
            "build": buildConfiguration,
            "quick": String(isQuick),
        ]))
} else {
    print(report.table())
    if buildConfiguration == "debug" {
        print("(debug build: numbers are not meaningful; use swift run -c release attendant-bench)")
    }
}
exit(report.allTargetsMet ? 0 : 1)

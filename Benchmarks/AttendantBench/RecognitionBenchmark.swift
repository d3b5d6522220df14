import Foundation
import Recognition
import Speech

/// What a recognizer costs per context: the time to make one, its private memory (two pocketsphinx decoders:
/// the context's and its phone loop), and CPU seconds per audio second on flite speech; and the `name` context
/// built for 200 names and with the common names. On request only (`--only recognition`): it needs the pocketsphinx model and takes about
/// ten seconds. Accuracy is `attendant eval asr`.
enum RecognitionBenchmark {
    static let phrases: [RecognitionContext: [String]] = [
        .digits: ["five five five one two three four", "oh seven nine"],
        .yesNo: ["yes please", "no thank you"],
        .intent: ["I need to see doctor Patel sometime on Tuesday", "I'd like to cancel my appointment"],
        .time: ["next tuesday morning", "the fifteenth at three thirty", "quarter to four"],
        .dateOfBirth: ["the fourth of july nineteen eighty two", "oh three oh four eighty one"],
        .name: ["doctor patel", "my name is maria gonzalez"],
    ]
    static let names = ["Grant", "Patel", "Lee", "Maria Gonzalez", "John Smith", "Mary O'Brien"]

    static func run(into report: inout Report, isQuick: Bool) {
        guard PocketSphinxLibrary.isModelInstalled, let voice = FliteLibrary.register(.slt) else {
            report.add(Measurement(group: "recognition", name: "skipped", value: 0, unit: "", note: "no model"))
            return
        }
        let count = isQuick ? 3 : 8
        // Every recognizer stays alive to the end, so that one context's memory is never reused by the next.
        var kept: [Recognizer] = []
        _ = try? Recognizer(context: .digits)  // Loads the CMU dictionary once, outside the measurement.
        for context in RecognitionContext.allCases where context != .open {
            let memoryBefore = privateKilobytes()
            let start = Date()
            for _ in 0..<count {
                guard let recognizer = try? Recognizer(context: context, names: Self.names) else { return }
                kept.append(recognizer)
            }
            let milliseconds = Date().timeIntervalSince(start) * 1000 / Double(count)
            let megabytes = Double(privateKilobytes() - memoryBefore) / 1024 / Double(count)
            report.add(
                Measurement(
                    group: "recognition", name: "\(context.rawValue): make a recognizer", value: milliseconds,
                    unit: "ms", target: .atMost(100), note: "two decoders, mean of \(count)"))
            report.add(
                Measurement(
                    group: "recognition", name: "\(context.rawValue): private memory", value: megabytes,
                    unit: "MB/recognizer", target: .atMost(10), note: "two decoders; target 5 MB each"))

            report.add(
                Measurement(
                    group: "recognition", name: "\(context.rawValue): decode",
                    value: Self.decodeCost(
                        kept.last!,
                        recordings: (Self.phrases[context] ?? []).compactMap {
                            FliteLibrary.synthesize($0, voice: voice)?.samples
                        }),
                    unit: "CPU s/audio s", note: "flite slt, with the phone loop"))
        }

        // 200 ordinary names (the CMU dictionary has nearly all), 200 made-up ones (no dictionary has them: 400
        // guessed words), then the made-up list with one more.
        let given = [
            "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
            "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        ]
        let family = [
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Nguyen",
        ]
        let ordinary = given.flatMap { first in family.map { "\(first) \($0)" } }
        let madeUp = (0..<200).map { "Given\(Self.letters($0)) Family\(Self.letters($0 * 7 + 3))" }
        for (label, names) in [
            ("200 ordinary names", ordinary), ("200 made-up names", madeUp),
            ("the 200 made-up names and one more", madeUp + ["Ann Zorvakian"]),
        ] {
            let start = Date()
            _ = try? Recognizer(context: .name, names: names)
            report.add(
                Measurement(
                    group: "recognition", name: "name: \(label) to a recognizer",
                    value: Date().timeIntervalSince(start) * 1000, unit: "ms", target: .atMost(100),
                    note: "grammar, dictionary with guessed words, two decoders"))
        }
        let memoryBefore = privateKilobytes()
        for _ in 0..<count {
            guard let recognizer = try? Recognizer(context: .name, names: madeUp) else { return }
            kept.append(recognizer)
        }
        report.add(
            Measurement(
                group: "recognition", name: "name: private memory, 200 names",
                value: Double(privateKilobytes() - memoryBefore) / 1024 / Double(count), unit: "MB/recognizer",
                target: .atMost(10), note: "two decoders; target 5 MB each"))

        // The `name` context that also hears the common given and family names (callers not yet patients).
        let commonBefore = privateKilobytes()
        let commonStart = Date()
        for _ in 0..<count {
            guard let recognizer = try? Recognizer(context: .name, names: Self.names, includesCommonNames: true)
            else { return }
            kept.append(recognizer)
        }
        let commonMilliseconds = Date().timeIntervalSince(commonStart) * 1000 / Double(count)
        report.add(
            Measurement(
                group: "recognition", name: "name with common names: make a recognizer", value: commonMilliseconds,
                unit: "ms", target: .atMost(100), note: "two decoders, mean of \(count)"))
        report.add(
            Measurement(
                group: "recognition", name: "name with common names: private memory",
                value: Double(privateKilobytes() - commonBefore) / 1024 / Double(count), unit: "MB/recognizer",
                target: .atMost(10), note: "two decoders; target 5 MB each"))
        report.add(
            Measurement(
                group: "recognition", name: "name with common names: decode",
                value: Self.decodeCost(
                    kept.last!,
                    recordings: ["my name is kevin ward", "doctor patel", "it's maria gonzalez"].compactMap {
                        FliteLibrary.synthesize($0, voice: voice)?.samples
                    }),
                unit: "CPU s/audio s", note: "flite slt, with the phone loop"))
        blackHole(kept.count)
    }

    /// A made-up name part from a number: `ka`, `lo`, … so that every name is a word no dictionary has.
    /// CPU seconds per audio second for `recognizer` on `recordings` (16 kHz samples).
    static func decodeCost(_ recognizer: Recognizer, recordings: [[Int16]]) -> Double {
        var cpuSeconds = 0.0
        var audioSeconds = 0.0
        for samples in recordings {
            let cpuStart = self.threadCPUSeconds()
            let result = try? recognizer.recognize(samples)
            cpuSeconds += self.threadCPUSeconds() - cpuStart
            audioSeconds += result?.audioSeconds ?? 0
        }
        return cpuSeconds / max(audioSeconds, 1e-9)
    }

    static func letters(_ value: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ru", "sen", "ta", "vo", "zel", "bri", "dun"]
        return syllables[value % 10] + syllables[(value / 10) % 10] + syllables[(value / 100) % 10]
    }

    /// Private (not shared) resident memory of this process: the sum of `Private_*` in smaps_rollup, in kB.
    static func privateKilobytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.hasPrefix("Private_") }.reduce(0) { total, line in
            total + (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0)
        }
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

import Testing

@testable import Voice

/// Label files, reference-decision fixtures and frame scores.
@Suite("VAD evaluation parsing and scoring")
struct EvaluationParsingTests {
    @Test("Audacity labels become 10 ms block labels by block centre")
    func blockLabels() throws {
        let labels = try SpeechLabels(
            parsing: "0.000\t0.020\tsilence\n0.020\t0.045\tspeech\n\n0.045\t0.080\tsilence\n", path: "a.lab")
        #expect(labels.speechSpans == [0.02..<0.045])
        #expect(labels.coversWholeRecording)
        // Centres 5, 15, 25, 35, 45, 55 ms: blocks 2 and 3 lie in 20–45 ms.
        #expect(labels.blockLabels(blockCount: 6) == [false, false, true, true, false, false])
        try labels.validate(durationSeconds: 0.08, path: "a.lab", audioPath: "a.wav")
    }

    @Test(
        "A malformed label line names the file and the line",
        arguments: ["0.5\tspeech", "x\t1\tspeech", "2\t1\tspeech"])
    func malformed(line: String) {
        #expect(throws: SpeechLabelError.malformedLine(path: "bad.lab", lineNumber: 2, line: line)) {
            try SpeechLabels(parsing: "0\t0.5\tsilence\n\(line)\n", path: "bad.lab")
        }
        #expect(
            SpeechLabelError.malformedLine(path: "bad.lab", lineNumber: 2, line: line).description.contains("bad.lab:2")
        )
    }

    @Test("An empty label file and labels of another length are refused")
    func emptyAndMismatched() throws {
        #expect(throws: SpeechLabelError.empty(path: "e.lab")) { try SpeechLabels(parsing: "\n", path: "e.lab") }
        let labels = try SpeechLabels(parsing: "0\t1\tsilence\n1\t2\tspeech\n", path: "l.lab")
        #expect(throws: SpeechLabelError.self) {
            try labels.validate(durationSeconds: 5, path: "l.lab", audioPath: "a.wav")
        }
        #expect(throws: SpeechLabelError.self) {
            try labels.validate(durationSeconds: 1, path: "l.lab", audioPath: "a.wav")
        }
    }

    @Test("Reference decisions map 32 ms chunks onto the 10 ms grid")
    func referenceDecisions() throws {
        let reference = try ReferenceDecisions(
            parsing: "# comment\nsample_rate 16000\nchunk_frames 512\ndecisions 0110\n", path: "s.txt")
        // Centres 5…125 ms; chunks are 0–32, 32–64, 64–96, 96–128 ms.
        #expect(
            reference.blockDecisions(blockCount: 14) == [
                false, false, false, true, true, true, true, true, true, true, false, false, false, false,
            ])
        #expect(throws: ReferenceDecisionError.self) {
            try ReferenceDecisions(parsing: "decisions 01\n", path: "s.txt")
        }
    }

    @Test("Frame scores count agreement, TPR and FPR")
    func frameScore() {
        let score = FrameScore(decisions: [true, true, false, false, true], labels: [true, false, false, true, true])
        #expect(score.truePositiveCount == 2 && score.falsePositiveCount == 1)
        #expect(score.trueNegativeCount == 1 && score.falseNegativeCount == 1)
        #expect(score.accuracy == 0.6)
        #expect(abs(score.truePositiveRate - 2.0 / 3) < 1e-12)
        #expect(score.falsePositiveRate == 0.5)
        #expect((score + score).blockCount == 10)
    }

    @Test("Endpointing score: delay, split and merge")
    func endpointingScore() {
        let rate = 1000
        let spans: [Range<Double>] = [1.0..<2.0, 3.0..<4.0, 4.2..<5.0]
        let events: [TurnEvent] = [
            .speechStarted(startSampleTime: 1000, detectedSampleTime: 1100),
            .speechEnded(endSampleTime: 1500, detectedSampleTime: 1700, reason: .silence),  // split inside span 1
            .speechStarted(startSampleTime: 1700, detectedSampleTime: 1800),
            .speechEnded(endSampleTime: 2000, detectedSampleTime: 2200, reason: .silence),
            .speechStarted(startSampleTime: 3000, detectedSampleTime: 3100),
            .speechEnded(endSampleTime: 5000, detectedSampleTime: 5300, reason: .silence),  // spans 2 and 3 merged
        ]
        let score = EndpointingScore(events: events, spans: spans, sampleRate: rate)
        #expect(score.splitCount == 1)
        #expect(score.mergedSpanCount == 1)
        #expect(score.missedSpanCount == 0)
        #expect(score.endDelays.count == 2)
        #expect(abs(EndpointingScore.median(score.endDelays)! - 0.25) < 1e-9)
        #expect(abs(score.startLatencies[0] - 0.1) < 1e-9)
    }
}

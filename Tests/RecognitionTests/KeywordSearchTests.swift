import AttendantTestSupport
import Foundation
import Testing

@testable import Recognition

@Suite("KeywordSearch")
struct KeywordSearchTests {
    @Test("An urgent sentence spoken by flite is detected, inside the audio and by the end of speech + 200 ms")
    func urgentSentence() throws {
        let search = try KeywordSearch()
        let audio = try RecognitionAudio.spoken("my husband is having chest pain")
        let detections = try search.detections(in: audio)
        let first = try #require(detections.first)
        #expect(detections.contains { $0.phrase == "chest pain" })
        let audioSeconds = Double(audio.count) / Double(KeywordSearch.sampleRate)
        #expect(first.startSeconds >= 0 && first.startSeconds < first.endSeconds && first.endSeconds <= audioSeconds)
        // RecognitionAudio pads 200 ms of silence after the speech.
        #expect(detections.map(\.reportedSeconds).min()! <= audioSeconds - 0.2 + 0.2)
    }

    @Test("The look-alike \"I'm calling about my chest X-ray results\" is not detected")
    func lookAlike() throws {
        let search = try KeywordSearch()
        let detections = try search.detections(
            in: try RecognitionAudio.spoken("I'm calling about my chest X-ray results"))
        #expect(detections.isEmpty, "heard \(detections.map(\.phrase))")
    }

    @Test("Empty audio and silence give no detection, and a stream can follow them")
    func badInput() throws {
        let search = try KeywordSearch()
        #expect(try search.detections(in: []).isEmpty)
        #expect(try search.detections(in: [Int16](repeating: 0, count: 32000)).isEmpty)
        #expect(try search.detections(in: [Int16](repeating: 0, count: 1)).isEmpty)
        #expect(throws: RecognitionError.self) { try search.finish() }
        let urgent = try search.detections(in: try RecognitionAudio.spoken("my husband is having chest pain"))
        #expect(!urgent.isEmpty)
    }

    @Test("Streamed in blocks of any size, a stream gives the same phrases, each once, in time order")
    func streaming() throws {
        let search = try KeywordSearch()
        let audio = try RecognitionAudio.spoken("help, my husband is having chest pain and he can't breathe")
        let small = try search.detections(in: audio, blockFrameCount: 160)
        let large = try search.detections(in: audio, blockFrameCount: 1600)
        #expect(Set(small.map(\.phrase)) == Set(large.map(\.phrase)))
        #expect(small.map(\.reportedSeconds) == small.map(\.reportedSeconds).sorted())
        for (index, detection) in small.enumerated() {
            let overlapping = small[(index + 1)...].filter {
                $0.phrase == detection.phrase && $0.startSeconds < detection.endSeconds
                    && detection.startSeconds < $0.endSeconds
            }
            #expect(overlapping.isEmpty, "\(detection.phrase) reported twice")
        }
    }

    @Test("Thresholds follow the rule: 10^-(offset + perPhone x phones) from the dictionary's phones")
    func thresholdRule() throws {
        let rule = KeywordThresholdRule(offset: 2, perPhone: 1.5)
        let phrases = try Keyphrase.list(["chest pain", "I can't breathe"], rule: rule)
        #expect(phrases.map(\.text) == ["chest pain", "i can't breathe"])
        // chest CH EH S T, pain P EY N; i AY, can't K AE N T, breathe B R IY DH.
        #expect(phrases.map(\.phoneCount) == [7, 9])
        #expect(phrases[0].thresholdExponent == 2 + 1.5 * 7)
        #expect(throws: RecognitionError.self) { try Keyphrase.list(["zqxv blorft"], rule: rule) }
    }
}

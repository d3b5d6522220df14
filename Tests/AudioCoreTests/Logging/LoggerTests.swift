import Testing

@testable import AudioCore

@Suite("Logger")
struct LoggerTests {
    /// 2023-11-14T22:13:20.123Z.
    static let timestamp: Int64 = 1_700_000_000_123_456_789

    static let record = LogRecord(
        timestampNanoseconds: timestamp, level: .warning, label: "attendant.call", message: "Caller hung up",
        metadata: ["call.id": 42, "audio.dropped": 3, "caller.name": "Ann \"A\" Lee", "audio.muted": false])

    @Test("A text line has time, level, label, message and key=value metadata in order")
    func textLine() {
        #expect(
            TextLogSink.line(for: Self.record)
                == #"2023-11-14T22:13:20.123Z warning [attendant.call] Caller hung up call.id=42 audio.dropped=3 "#
                + #"caller.name="Ann \"A\" Lee" audio.muted=false"#)
    }

    @Test("A JSON line keeps dotted keys under metadata with typed values")
    func jsonLine() {
        #expect(
            JSONLinesLogSink.line(for: Self.record)
                == #"{"timestamp":"2023-11-14T22:13:20.123Z","level":"warning","label":"attendant.call","#
                + #""message":"Caller hung up","metadata":{"call.id":42,"audio.dropped":3,"#
                + #""caller.name":"Ann \"A\" Lee","audio.muted":false}}"#)
    }

    @Test("JSON escapes control characters and writes non-finite numbers as strings")
    func jsonEscapes() {
        let record = LogRecord(
            timestampNanoseconds: 0, level: .error, label: "x", message: "line\none\u{1}",
            metadata: ["audio.level": .double(.infinity)])
        #expect(
            JSONLinesLogSink.line(for: record)
                == #"{"timestamp":"1970-01-01T00:00:00.000Z","level":"error","label":"x","message":"line\none\u0001","#
                + #""metadata":{"audio.level":"inf"}}"#)
    }

    @Test("Messages below the minimum level are dropped without building their text")
    func levelFiltering() {
        let sink = CapturingLogSink()
        let logger = Logger(label: "test", minimumLevel: .info, sink: sink)
        var built = false
        logger.debug(
            {
                built = true
                return "hidden"
            }())
        logger.info("shown")
        logger.error("also shown")
        #expect(!built)
        #expect(sink.records.map(\.message) == ["shown", "also shown"])
        #expect(sink.records.map(\.level) == [.info, .error])
    }

    @Test("Logger metadata merges with message metadata, the message winning on a shared key")
    func metadataMerging() throws {
        let sink = CapturingLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, metadata: ["call.id": "a"], sink: sink)
            .with(["practice.id": 7])
        logger.trace("step", metadata: ["call.id": "b", "audio.dropped": 1])
        let record = try #require(sink.records.first)
        #expect(record.metadata.entries.map(\.key) == ["call.id", "practice.id", "audio.dropped"])
        #expect(record.metadata["call.id"] == "b")
        #expect(record.metadata["practice.id"] == 7)
        #expect(record.label == "test")
    }

    @Test(
        "Keys are dot-separated lower-case words",
        arguments: [
            ("call.id", true), ("audio.dropped_blocks", true), ("a", true), ("stage2.vad", true),
            ("Call.id", false), ("call..id", false), (".call", false), ("call.", false), ("call id", false),
            ("", false),
        ])
    func keyValidation(key: String, isValid: Bool) {
        #expect(LogMetadata.isValidKey(key) == isValid)
    }

    @Test("Setting a value to nil removes the key")
    func removal() {
        var metadata: LogMetadata = ["call.id": 1, "audio.dropped": 2]
        metadata["call.id"] = nil
        #expect(metadata.entries.map(\.key) == ["audio.dropped"])
    }

    @Test("A malformed key traps")
    func malformedKeyTraps() async {
        await #expect(processExitsWith: .failure) {
            var metadata = LogMetadata()
            metadata["Call ID"] = 1
        }
    }
}

import AttendantTestSupport
import Foundation
import Practice
import Testing

@testable import Call

/// The live path: the front end on an audio thread paced by the clock, the call side on a thread of its own.
@Suite("Live call", .serialized) struct LiveCallTests {
    /// The demo call's caller, as the replay heard them, played into a live call in real time: the same booking
    /// comes out, with the call side off the audio thread.
    @Test("The demo caller's audio, played live in real time, books Dr. Patel")
    func demoCallerBooksLive() throws {
        let folder = try TestPaths.makeScratchDirectory(label: "live-call-demo")
        let scenario = try DemoScenario.make(in: folder)
        let configuration = CallReplayTests.configuration()
        let replay = try CallReplay(scenario: scenario, configuration: configuration)
        let replayed = try replay.run()
        try #require(replayed.outcome == "booked", "\(replayed.turns.map(\.text))")

        let start = try #require(scenario.now.instant(in: configuration.practice))
        let store = try ScheduleStore(
            path: folder.appendingPathComponent("live.sqlite").path, practice: configuration.practice)
        try CallReplay.seed(
            try #require(scenario.patient), into: store, practice: configuration.practice, before: start)
        let call = try LiveCall(
            settings: configuration.call, store: store, callID: "live-demo", callerNumber: scenario.callerNumber,
            start: start)
        let (result, playback) = try LivePacedFeed.run(
            call, capture: replay.callerTrack, maximumFrameCount: replay.callerTrack.count + 16_000 * 10)

        #expect(result.outcome == "booked", "\(result.turns.map(\.text)) \(result.actions)")
        #expect(result.appointment?.doctor == "Dr. Patel")
        #expect(try store.appointments().map(\.doctorName) == ["Dr. Patel"])
        #expect(try store.callRecord(id: "live-demo")?.outcome == "booked")
        #expect(!result.actions.contains { $0.hasPrefix("live:") }, "\(result.actions)")
        // The greeting played from the first block on, and the playback is as long as the call.
        let greeting = playback.prefix(16_000 * 2)
        #expect(greeting.map { $0 * $0 }.reduce(0, +) / Float(greeting.count) > 1e-4)
        #expect(Double(playback.count) / 16_000 >= result.callSeconds - 0.05)
        print("live demo: \(result.turns.count) turns, latencies \(result.turnLatenciesMilliseconds.map { Int($0) })")
    }
}

import AttendantTestSupport
import Dialogue
import Foundation
import Practice
import Testing

@testable import Call
@testable import Recognition

/// Calls that share one `RecognizerPool`, as many calls in one process do: each turn borrows a recognizer and gives
/// it back.
@Suite("Calls sharing a recognizer pool", .serialized) struct CallRecognizerPoolTests {
    static func configuration(pool: RecognizerPool) -> ReplayConfiguration {
        var configuration = CallReplayTests.configuration()
        configuration.recognizerPool = pool
        return configuration
    }

    @Test("Two demo calls in turn on one pool make each context's recognizer once, and both book")
    func demoTwiceOnOnePool() throws {
        let pool = RecognizerPool(capacity: 8)
        let folder = try TestPaths.makeScratchDirectory(label: "call-pool-demo")
        let scenario = try DemoScenario.make(in: folder)

        let first = try CallReplay(scenario: scenario, configuration: Self.configuration(pool: pool)).run()
        #expect(first.hasPassed, "\(first.mismatches) \(first.turns.map(\.text))")
        let afterFirst = pool.counts
        #expect(afterFirst.borrowed == 0)
        #expect(afterFirst.created >= 2)
        #expect(afterFirst.idle == afterFirst.created)

        let second = try CallReplay(scenario: scenario, configuration: Self.configuration(pool: pool)).run()
        #expect(second.hasPassed, "\(second.mismatches) \(second.turns.map(\.text))")
        #expect(pool.counts == afterFirst)
        #expect(second.turns.map(\.text) == first.turns.map(\.text))

        // A pooled recognizer hears the call as the call's own would (it is reset between turns).
        let unpooled = try CallReplay(scenario: scenario, configuration: CallReplayTests.configuration()).run()
        #expect(first.turns.map(\.text) == unpooled.turns.map(\.text))
    }

    @Test("A call whose turns find no recognizer free is asked again, as for silence, and goes to staff, unharmed")
    func exhaustedPoolIsUnheard() throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(20))
        let held = try pool.borrowWaiting(.digits)
        defer { held.giveBack() }
        let folder = try TestPaths.makeScratchDirectory(label: "call-pool-exhausted")

        let result = try CallReplay(
            scenario: try DemoScenario.make(in: folder), configuration: Self.configuration(pool: pool)
        ).run()
        #expect(result.actions.contains { $0.hasPrefix("turn not heard: all 1 recognizers stayed busy") })
        // "Sorry, I didn't catch that", twice, and then staff: what a caller who was not heard gets.
        #expect(result.turns.contains { $0.label == "reprompt.intent.1" }, "\(result.turns.map(\.label))")
        #expect(result.outcome == "transferred")
        #expect(result.appointment == nil)
        #expect(pool.counts == .init(idle: 0, borrowed: 1, created: 1))
    }

    @Test("A turn gives its recognizer back when it is finished, abandoned, or dropped with its call")
    func leaseComesBack() throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(20))
        let silence = [Int16](repeating: 0, count: Recognizer.sampleRate / 10)
        var recognition: TurnRecognition? = TurnRecognition(practice: .default, patientNames: [], pool: pool)

        try recognition?.begin(.yesNo)
        #expect(pool.counts.borrowed == 1)
        try silence.withUnsafeBufferPointer { try recognition?.feed($0) }
        _ = try recognition?.finish(now: Date())
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))

        try recognition?.begin(.yesNo)
        recognition?.abandon()
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))

        try recognition?.begin(.yesNo)
        try silence.withUnsafeBufferPointer { try recognition?.feed($0) }
        #expect(pool.counts.borrowed == 1)
        recognition = nil  // The call is dropped mid-turn.
        #expect(pool.counts == .init(idle: 1, borrowed: 0, created: 1))
    }

    @Test("A turn with no recognizer free is read as an empty turn, and the next turn is heard again")
    func unheardTurnThenHeard() throws {
        let pool = RecognizerPool(capacity: 1, waitLimit: .milliseconds(20))
        let recognition = TurnRecognition(practice: .default, patientNames: [], pool: pool)
        var held: RecognizerLease? = try pool.borrowWaiting(.digits)

        try recognition.begin(.yesNo)
        #expect(recognition.unheardReason?.contains("stayed busy") == true)
        #expect(!recognition.isInTurn)
        let (turn, _) = try recognition.finish(now: Date())
        #expect(turn.text.isEmpty)
        #expect(recognition.unheardReason == nil)

        held = nil
        try recognition.begin(.yesNo)
        #expect(recognition.unheardReason == nil)
        #expect(recognition.isInTurn)
        recognition.abandon()
        _ = held
    }

    @Test("With a pool, the name context hears the call's names, and the pool keeps them for the next call")
    func namesComeFromTheCall() throws {
        let pool = RecognizerPool(capacity: 2, names: ["Nobody Here"])
        let recognition = TurnRecognition(practice: .default, patientNames: ["Maria Lopez"], pool: pool)
        try recognition.begin(.name)
        #expect(pool.names == recognition.names)
        recognition.abandon()
        let created = pool.counts.created

        let next = TurnRecognition(practice: .default, patientNames: ["Maria Lopez"], pool: pool)
        try next.begin(.name)
        next.abandon()
        #expect(pool.counts.created == created)
    }
}

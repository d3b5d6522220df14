import AudioCore
import Dialogue
import Foundation
import Practice
import Recognition
import Understanding

/// Runs one scripted call through the whole pipeline: the caller's recordings through the front end, turns
/// through recognition and understanding into the dialogue, its actions against a fresh schedule, and its prompts
/// synthesized into the agent's audio, which the caller hears and talks over.
///
/// Blocks of 10 ms are processed on one thread: the scripted caller and the line give the block, the front end hears
/// it, and the call side (`CallSession`) handles what it found before the next block. On the virtual clock (the
/// default) they run as fast as they can; the time the call side spends between the end of a turn and the first word
/// of the answer (recognition, understanding, schedule, synthesis) is measured on the wall clock and delays the
/// agent's audio by as much, so turn latencies are what a caller would hear. With `isRealTime` each block also waits
/// for its 10 ms.
///
/// Not real-time safe: the call side runs between blocks on the same thread, which keeps a replay repeatable. A live
/// call runs it on a thread of its own (`LiveCall`).
public final class CallReplay {
    public let scenario: Scenario
    public let configuration: ReplayConfiguration

    /// The call's fresh schedule, in a folder of its own.
    let schedule: ScenarioSchedule
    let startInstant: Date
    let frontEnd: CallFrontEnd
    let playout = AgentPlayout()
    /// What the call side reads back of the line.
    let history = CallLineHistory()
    /// The caller's voice on its way to the engine through the line's codec.
    let transport: LineTransport
    var caller: ScriptedCaller!
    /// The call side.
    var session: CallSession!

    static let blockFrameCount = CallFrontEnd.blockFrameCount
    /// How the action log says the call ran without the urgent spotter.
    public static let spotterUnavailable = CallSession.spotterUnavailable
    static let sampleRate = CallFrontEnd.sampleRate

    var practice: PracticeConfiguration { self.configuration.practice }
    /// The call's schedule: a fresh copy per replay.
    var store: ScheduleStore { self.session.store }
    var callID: String { self.session.callID }

    var agentTrack: [Float] = []
    var callerTrack: [Float] = []
    var audioFiles: [URL: [Float]] = [:]

    /// Prepares a call: a fresh copy of the practice's schedule with the scenario's patient in it, the front end
    /// and the recognizers.
    ///
    /// - Throws: `CallError` when the schedule, the front end or the scenario's clock cannot be set up.
    public init(scenario: Scenario, configuration: ReplayConfiguration = ReplayConfiguration()) throws(CallError) {
        self.scenario = scenario
        self.configuration = configuration
        self.schedule = try ScenarioSchedule(scenario: scenario, practice: configuration.practice)
        self.startInstant = self.schedule.start
        self.frontEnd = try CallFrontEnd(isSpotting: configuration.isSpotting, line: configuration.line)
        self.transport = try LineTransport(
            codec: configuration.line, lossPercentage: configuration.linePacketLossPercentage,
            seed: Self.lossSeed(scenario.id))
        self.session = try CallSession(
            settings: configuration.call, store: self.schedule.store, callID: "replay-\(scenario.id)",
            callerNumber: scenario.callerNumber, start: self.startInstant, patientNames: self.schedule.patientNames,
            line: self)
        self.caller = ScriptedCaller(
            scenario: scenario, understander: self.session.recognition.understander,
            reaction: configuration.callerReaction
        ) { [unowned self] (url) throws(CallError) in
            try self.callerAudio(url)
        }
        self.session.caller = self.caller
    }

    /// The patient and their appointments, booked as if some time before the call.
    static func seed(
        _ patient: ScenarioPatient, into store: ScheduleStore, practice: PracticeConfiguration, before start: Date
    ) throws(CallError) {
        do {
            let stored = try store.findOrRegisterPatient(
                name: patient.name, dateOfBirth: patient.dateOfBirth, phone: patient.phone)
            for appointment in patient.appointments {
                guard let when = appointment.start.instant(in: practice) else {
                    throw CallError.schedule("the patient's appointment at \(appointment.start) does not exist")
                }
                let result = try store.book(
                    patientID: stored.id, doctorName: appointment.doctor, start: when,
                    now: start.addingTimeInterval(-30 * 86_400))
                guard case .booked = result else {
                    throw CallError.schedule(
                        "the patient's appointment with \(appointment.doctor) at \(appointment.start) cannot be "
                            + "booked (\(result)): not one of the doctor's slots")
                }
            }
        } catch let error as CallError {
            throw error
        } catch {
            throw .schedule("cannot add the scenario's patient: \(error)")
        }
    }

    /// A seed of the call's own for the line's packet losses: the 64-bit FNV-1a hash of the scenario's id (Swift's
    /// `hashValue` changes from run to run).
    static func lossSeed(_ id: String) -> UInt64 {
        id.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    static func seconds(_ sampleTime: Int64) -> Double { Double(sampleTime) / Double(sampleRate) }

    func callerAudio(_ url: URL) throws(CallError) -> [Float] {
        if let samples = self.audioFiles[url] { return samples }
        let samples = try ReplayAudio.read(url)
        self.audioFiles[url] = samples
        return samples
    }
}

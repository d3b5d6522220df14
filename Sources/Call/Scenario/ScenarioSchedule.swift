import Foundation
import Practice

/// A fresh schedule for one scripted call, in a folder of its own that goes when the schedule does: the practice's
/// doctors and slots, and the scenario's patient with their appointments, booked as if some time before the call.
///
/// Not real-time safe: writes SQLite. Control thread.
final class ScenarioSchedule {
    let folder: URL
    let store: ScheduleStore
    /// When the call starts on the practice's clock.
    let start: Date
    /// The names the call's name context expects beyond the doctors: the scenario's patient.
    let patientNames: [String]

    /// - Throws: `CallError.schedule` when the scenario's clock, the store or its patient cannot be set up.
    init(scenario: Scenario, practice: PracticeConfiguration) throws(CallError) {
        guard let start = scenario.now.instant(in: practice) else {
            throw .schedule("\(scenario.now) does not exist on the practice's clock")
        }
        self.start = start
        self.folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attendant-call-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
            self.store = try ScheduleStore(
                path: self.folder.appendingPathComponent("schedule.sqlite").path, practice: practice)
        } catch {
            throw .schedule("cannot make a fresh schedule: \(error)")
        }
        var patientNames: [String] = []
        if let patient = scenario.patient {
            patientNames.append(patient.name)
            try CallReplay.seed(patient, into: self.store, practice: practice, before: start)
        }
        self.patientNames = patientNames
    }

    deinit {
        try? FileManager.default.removeItem(at: self.folder)
    }
}

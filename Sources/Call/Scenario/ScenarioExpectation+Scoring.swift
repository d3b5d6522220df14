import Practice

extension ScenarioExpectation {
    /// Each way `result` differs from what is expected; empty when the call passed.
    func mismatches(_ result: ReplayResult, practice: PracticeConfiguration) -> [String] {
        var mismatches: [String] = []
        func check(_ name: String, _ want: String?, _ got: String?) {
            guard let want, want != got else { return }
            mismatches.append("\(name): expected \(want), got \(got ?? "none")")
        }
        check("outcome", self.outcome, result.outcome)
        check("intent", self.intent, result.intent)
        check("urgent", self.isUrgent.map(String.init), String(result.isUrgent))
        check("transferred", self.isTransferred.map(String.init), String(result.isTransferred))
        if self.doctor != nil || self.weekday != nil || self.period != nil {
            let appointment = result.appointment ?? result.changedAppointment
            let local = appointment.flatMap { practice.localTime(of: $0.start) }
            check("doctor", self.doctor, appointment?.doctor)
            check("weekday", self.weekday, local?.date.weekday.rawValue)
            check(
                "period", self.period, local.map { SlotFinder.part(ofMinutes: $0.time.minutesSinceMidnight).rawValue })
        }
        return mismatches
    }
}

/// Reading the doctors and checking their hours against the practice's.
extension PracticeConfigurationReader {
    /// `[{"name": "Dr. Patel", "appointmentMinutes": 15, "hours": {…}}]`; a doctor without `hours` works whenever
    /// the practice is open.
    static func doctors(
        _ value: JSONValue, openingHours: WeeklyHours, at path: FieldPath
    ) throws(PracticeConfigurationError) -> [Doctor] {
        let items = try self.list(value, at: path, of: "doctors ({\"name\": …, \"appointmentMinutes\": …})")
        guard !items.isEmpty else { throw path.error("needs at least one doctor") }

        var doctors: [Doctor] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.element(index)
            let fields = try self.object(item, at: itemPath, allowed: ["name", "hours", "appointmentMinutes"])

            let name = try self.requiredText(
                fields, "name", at: itemPath, hint: "the name the agent says, e.g. Dr. Patel")
            let words = DoctorName.words(name)
            guard !words.isEmpty else { throw itemPath.member("name").error("'\(name)' has no name after the title") }
            if let earlier = doctors.firstIndex(where: { DoctorName.words($0.name) == words }) {
                throw itemPath.member("name").error(
                    "'\(name)' is the same doctor as doctors[\(earlier)] ('\(doctors[earlier].name)')")
            }

            let minutesPath = itemPath.member("appointmentMinutes")
            let minutes = try self.appointmentMinutes(
                self.required(
                    fields, "appointmentMinutes", at: itemPath, hint: "the length of one appointment, e.g. 15"),
                at: minutesPath)

            let hours: WeeklyHours
            if let hoursValue = fields["hours"] {
                let hoursPath = itemPath.member("hours")
                hours = try self.weeklyHours(hoursValue, at: hoursPath)
                try self.checkWorkingHours(hours, within: openingHours, appointmentMinutes: minutes, at: hoursPath)
            } else {
                hours = openingHours
                for weekday in Weekday.allCases {
                    for range in hours[weekday] where range.minuteCount % minutes != 0 {
                        throw minutesPath.error(
                            "the practice's hours on \(weekday) (\(range)) are not a whole number of \(minutes)-minute"
                                + " appointments; give this doctor hours")
                    }
                }
            }
            doctors.append(Doctor(name: name, hours: hours, appointmentMinutes: minutes))
        }
        return doctors
    }

    /// A whole number of minutes, at least 1.
    static func appointmentMinutes(_ value: JSONValue, at path: FieldPath) throws(PracticeConfigurationError) -> Int {
        guard case .number(let number) = value else {
            throw path.error("expected a whole number of minutes, found \(value.kindDescription)")
        }
        guard number.rounded() == number else { throw path.error("\(number) is not a whole number of minutes") }
        guard number >= 1 else { throw path.error("must be at least 1 minute, not \(self.display(number))") }
        guard number <= 24 * 60 else {
            throw path.error("must be at most 1440 minutes (a day), not \(self.display(number))")
        }
        let minutes = Int(number)
        return minutes
    }

    /// A JSON number as the file most likely wrote it: `15` rather than `15.0`.
    static func display(_ number: Double) -> String {
        Int(exactly: number).map(String.init) ?? "\(number)"
    }

    /// Every working range lies inside one opening range that weekday and holds whole appointments.
    ///
    /// The error names the weekday's path and the range, for example
    /// `doctors[1].hours.tuesday: 07:00-12:00 starts before the practice opens (08:30)`.
    static func checkWorkingHours(
        _ hours: WeeklyHours, within openingHours: WeeklyHours, appointmentMinutes minutes: Int, at path: FieldPath
    ) throws(PracticeConfigurationError) {
        for weekday in Weekday.allCases {
            let dayPath = path.member(weekday.rawValue)
            let opening = openingHours[weekday]
            for range in hours[weekday] {
                guard let first = opening.first, let last = opening.last else {
                    throw dayPath.error("\(range) is on a day the practice is closed")
                }
                if let containing = opening.first(where: { $0.contains(range.start) }) {
                    if range.end > containing.end {
                        throw dayPath.error("\(range) ends after the practice closes (\(containing.end))")
                    }
                } else if range.start < first.start {
                    throw dayPath.error("\(range) starts before the practice opens (\(first.start))")
                } else if range.start >= last.end {
                    throw dayPath.error("\(range) starts after the practice closes (\(last.end))")
                } else {
                    let before = opening.last { $0.end <= range.start }.map { "\($0.end)" } ?? "?"
                    let after = opening.first { $0.start > range.start }.map { "\($0.start)" } ?? "?"
                    throw dayPath.error("\(range) starts while the practice is closed (\(before)-\(after))")
                }
                guard range.minuteCount % minutes == 0 else {
                    throw dayPath.error(
                        "\(range) (\(range.minuteCount) minutes) is not a whole number of \(minutes)-minute"
                            + " appointments")
                }
            }
        }
    }
}

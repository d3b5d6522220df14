/// A doctor who takes appointments.
public struct Doctor: Sendable, Equatable {
    /// The name as the agent says it and the schedule shows it, for example `Dr. Patel`.
    public let name: String

    /// When the doctor sees patients; every range lies inside the practice's opening hours that weekday and is a
    /// whole number of appointments long.
    public let hours: WeeklyHours

    /// How long one appointment is, in minutes (at least 1).
    public let appointmentMinutes: Int
}

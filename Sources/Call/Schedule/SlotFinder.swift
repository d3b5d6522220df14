import Dialogue
import Foundation
import Practice
import Understanding

/// Answers a dialogue's `findSlots` from the schedule: the free slots nearest the caller's preference, held for
/// the call while the caller confirms.
///
/// Not real-time safe: queries SQLite. Dialogue side only.
struct SlotFinder {
    /// Days searched from the first wanted day before the answer is "nothing free".
    static let searchDayCount = 28

    /// How many slots an offer holds: the one offered and the alternative.
    static let offerCount = 2

    /// How long an offered slot stays held while the caller answers.
    static let holdDuration: Duration = .seconds(120)

    let store: ScheduleStore
    let practice: PracticeConfiguration

    /// The nearest free slots for `query`, each held for `callID`; empty when none is free within
    /// `searchDayCount` days.
    ///
    /// - Throws: `ScheduleStoreError` when the store fails.
    func offers(for query: SlotQuery, callID: String, now: Date) throws(ScheduleStoreError) -> [SlotOffer] {
        let earliest = max(query.notBefore, now)
        guard let (firstDate, _) = self.practice.localTime(of: earliest) else { return [] }
        let doctors = self.practice.doctors.filter { query.doctor == nil || $0.name == query.doctor }
        var offers: [SlotOffer] = []
        for date in self.days(for: query.day, from: firstDate) {
            let starts = doctors.flatMap { doctor in
                self.practice.slotStarts(for: doctor, on: date).filter { $0 > earliest }.map { (doctor.name, $0) }
            }
            for (doctor, start) in self.ordered(starts, by: query.time) {
                guard
                    case .held = try self.store.hold(
                        doctorName: doctor, start: start, callID: callID, now: now, duration: Self.holdDuration)
                else { continue }
                offers.append(SlotOffer(doctor: doctor, start: start))
                if offers.count == Self.offerCount { return offers }
            }
            // The alternative comes from the same day as the first offer when it can.
            if !offers.isEmpty { return offers }
        }
        return offers
    }

    /// The days to search, earliest first.
    func days(for preference: DayPreference?, from first: LocalDate) -> [LocalDate] {
        switch preference {
        case .date(let day):
            guard let date = LocalDate(year: day.year, month: day.month, day: day.day), date >= first else { return [] }
            return [date]
        case .week(let monday):
            guard let start = LocalDate(year: monday.year, month: monday.month, day: monday.day) else { return [] }
            return (0..<7).compactMap { start.adding(days: $0) }.filter { $0 >= first }
        case .asSoonAsPossible, nil:
            return (0..<Self.searchDayCount).compactMap { first.adding(days: $0) }
        }
    }

    /// One day's slots that suit `preference`, the most suitable first: nearest an asked time, else earliest.
    func ordered(_ starts: [(String, Date)], by preference: TimePreference?) -> [(String, Date)] {
        let timed = starts.compactMap { slot -> (String, Date, Int)? in
            guard let (_, time) = self.practice.localTime(of: slot.1) else { return nil }
            return (slot.0, slot.1, time.minutesSinceMidnight)
        }
        let suitable: [(String, Date, Int)]
        switch preference {
        case .at(let time):
            let wanted = Self.minutes(time)
            suitable = timed.sorted { (abs($0.2 - wanted), $0.1) < (abs($1.2 - wanted), $1.1) }
        case .after(let time):
            suitable = timed.filter { $0.2 >= Self.minutes(time) }
        case .before(let time):
            suitable = timed.filter { $0.2 < Self.minutes(time) }
        case .partOfDay(let part):
            suitable = timed.filter { Self.part(ofMinutes: $0.2) == part }
        case nil:
            suitable = timed
        }
        let sorted =
            preference.map { if case .at = $0 { true } else { false } } == true
            ? suitable : suitable.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return sorted.map { ($0.0, $0.1) }
    }

    static func minutes(_ time: HeardClockTime) -> Int { time.hour * 60 + time.minute }

    /// Morning before noon, afternoon until 17:00, evening after.
    static func part(ofMinutes minutes: Int) -> PartOfDay {
        minutes < 12 * 60 ? .morning : minutes < 17 * 60 ? .afternoon : .evening
    }
}

import Foundation

extension PracticeConfiguration {
    /// The practice used when no configuration file is given: Riverside Family Practice, 12 River Street, with
    /// Dr. Grant, Dr. Patel and Dr. Lee, open Monday to Friday 08:30-18:00 and Saturday 09:00-12:00, 15-minute
    /// appointments and 911 for emergencies.
    ///
    /// It goes through the same reader as a file, and `fixtures/practice/riverside.json` holds the same text (a test
    /// keeps the two equal), so the fixture is a working example to copy.
    public static let `default`: PracticeConfiguration = {
        do {
            return try PracticeConfiguration(json: Data(Self.defaultJSON.utf8))
        } catch {
            preconditionFailure("the embedded default practice is invalid: \(error)")
        }
    }()

    /// The default practice's configuration text, byte for byte `fixtures/practice/riverside.json`.
    public static let defaultJSON = """
        {
            "name": "Riverside Family Practice",
            "address": "12 River Street, Riverside",
            "directions": "Across from Riverside Park, on the ground floor beside the pharmacy. Bus 4 stops outside.",
            "phone": "+1 555-010-0100",
            "timeZone": "America/New_York",
            "openingHours": {
                "monday": "08:30-18:00",
                "tuesday": "08:30-18:00",
                "wednesday": "08:30-18:00",
                "thursday": "08:30-18:00",
                "friday": "08:30-18:00",
                "saturday": "09:00-12:00",
                "sunday": "closed"
            },
            "exceptions": [
                { "date": "2026-12-24", "hours": "08:30-12:00", "note": "Christmas Eve" },
                { "date": "2026-12-25", "closed": true, "note": "Christmas Day" },
                { "date": "2027-01-01", "closed": true, "note": "New Year's Day" }
            ],
            "doctors": [
                {
                    "name": "Dr. Grant",
                    "appointmentMinutes": 15,
                    "hours": {
                        "monday": "08:30-18:00",
                        "tuesday": "08:30-18:00",
                        "wednesday": "08:30-12:30",
                        "thursday": "08:30-18:00",
                        "friday": "08:30-18:00"
                    }
                },
                {
                    "name": "Dr. Patel",
                    "appointmentMinutes": 15,
                    "hours": {
                        "monday": "09:00-17:00",
                        "tuesday": "09:00-17:00",
                        "wednesday": "09:00-17:00",
                        "thursday": "13:00-18:00",
                        "saturday": "09:00-12:00"
                    }
                },
                {
                    "name": "Dr. Lee",
                    "appointmentMinutes": 15,
                    "hours": {
                        "monday": ["08:30-12:00", "13:00-18:00"],
                        "tuesday": ["08:30-12:00", "13:00-18:00"],
                        "thursday": ["08:30-12:00", "13:00-18:00"],
                        "friday": ["08:30-12:00", "13:00-16:00"],
                        "saturday": "09:00-12:00"
                    }
                }
            ],
            "services": [
                "Check-ups and physicals",
                "Children's health and vaccinations",
                "Care for long-term conditions such as diabetes and asthma",
                "Prescription renewals",
                "Blood tests",
                "Travel vaccinations"
            ],
            "faq": {
                "address": "We are at 12 River Street in Riverside, across from Riverside Park.",
                "hours": "We are open Monday to Friday from 8:30 to 6, and Saturday from 9 to noon.",
                "parking": "There is free parking behind the building; the entrance is on Mill Lane."
            },
            "emergencyNumber": "911",
            "transferTargets": [
                { "name": "Reception", "number": "201" }
            ],
            "afterHours": "emergencyInstructionsThenMessage"
        }

        """
}

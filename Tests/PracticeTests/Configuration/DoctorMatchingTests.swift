import Practice
import Testing

/// Which doctor a caller's words name.
@Suite("Doctor name matching")
struct DoctorMatchingTests {
    let riverside = PracticeConfiguration.default

    @Test(
        "the surname, with or without a title, in any case, finds the doctor",
        arguments: ["Patel", "patel", "doctor patel", "Dr. Patel", "DR PATEL", "dr patel.", "  Doctor   Patel  "])
    func surname(spoken: String) {
        #expect(self.riverside.doctor(matching: spoken)?.name == "Dr. Patel")
    }

    @Test(
        "names that are not a doctor, or only a title, find no one",
        arguments: ["Dr. Smith", "", "doctor", "Pat", "Patel Lee"])
    func noMatch(spoken: String) {
        #expect(self.riverside.doctor(matching: spoken) == nil)
    }

    @Test("a full name finds its doctor; a shared surname is ambiguous; accents do not matter")
    func fullNames() throws {
        let practice = try PracticeFixture.practice(
            PracticeFixture.json(
                doctors: #"""
                    [{"name": "Dr. Anita Patel", "appointmentMinutes": 15},
                     {"name": "Dr. Raj Patel", "appointmentMinutes": 15},
                     {"name": "Dr. José Núñez", "appointmentMinutes": 15}]
                    """#))
        #expect(practice.doctor(matching: "Anita Patel")?.name == "Dr. Anita Patel")
        #expect(practice.doctor(matching: "doctor raj patel")?.name == "Dr. Raj Patel")
        #expect(practice.doctor(matching: "Patel") == nil)
        #expect(practice.doctors(matching: "Patel").count == 2)
        #expect(practice.doctor(matching: "doctor nunez")?.name == "Dr. José Núñez")
    }
}

import Foundation
import Practice

/// `attendant practice [FILE]`: checks a practice configuration and prints what it says.
struct PracticeCommand: Command {
    let name = "practice"
    let summary = "Check a practice configuration (or show the built-in one): hours, doctors, emergency number"
    let usage = """
        Usage: attendant practice [FILE] [--json]

        Reads a practice configuration (JSON), checks it, and prints the practice's name, address and phone, its
        time zone, the opening hours per weekday and the dated exceptions, each doctor's working hours and
        appointment length, the emergency number and what happens to calls after hours. Without FILE it shows the
        built-in default, Riverside Family Practice; fixtures/practice/riverside.json is the same practice as a file
        to copy.

        An invalid file exits with status 1 and names the field and the reason, for example
          doctors[1].hours.tuesday: 07:00-12:00 starts before the practice opens (08:30)

        Options:
          --json   One JSON object instead of text.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: [])
        try parsed.expectPositionalCount(atMost: 1)

        let practice: PracticeConfiguration
        let source: String
        if let path = parsed.positionals.first {
            do {
                practice = try PracticeConfiguration(contentsOf: URL(fileURLWithPath: path))
            } catch {
                console.printError("attendant practice: \(path): \(error)")
                return ExitStatus.failure
            }
            source = path
        } else {
            practice = .default
            source = "built-in default"
        }

        if parsed.has("json") {
            console.print(try PracticeReport.json(practice, source: source))
        } else {
            for line in PracticeReport.lines(practice, source: source) { console.print(line) }
        }
        return ExitStatus.success
    }
}

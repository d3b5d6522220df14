import Foundation
import Practice

/// `attendant report`: what the recorded calls add up to, per day and in total.
struct ReportCommand: Command {
    let name = "report"
    let summary = "Summarize the recorded calls: handled without staff, transfers, bookings, urgent calls, latency"
    let usage = """
        Usage: attendant report [--from DATE] [--to DATE] [--json] [--db FILE] [--practice FILE]

        For each day (the practice's time zone) with a recorded call, and in total over the range:
          calls         Calls that started that day.
          no staff      Share of them whose outcome is not `transferred` (calls still going count as handled).
          transfers     Calls whose outcome is `transferred`. The store keeps no transfer reason, so the reason
                        shown is the caller's intent (`emergency`, `book`, …; `unknown` when none was found),
                        beside a count of every outcome.
          bookings      `book …` actions; cancellations: `cancel …` actions (a call may hold several).
          urgent        Calls whose intent is `emergency` (the record has no separate urgent flag).
          p50/p95/p99   Nearest-rank percentiles of every turn latency (end of the caller's speech to the first
                        agent audio, ms) of those calls: the smallest latency with at least p% of them at or below.

        Options:
          --from DATE       Only calls on or after this day (YYYY-MM-DD, the practice's time zone).
          --to DATE         Only calls on or before this day.
          --json            One JSON object instead of the table.
          --db FILE         The schedule database (SQLite); default attendant.sqlite in the current folder. It must
                            exist.
          --practice FILE   The practice configuration (JSON); default the built-in Riverside Family Practice.

        Exit status: 0 on success (also when no call is in the range); 1 when the database or the practice file is
        missing or unreadable; 64 for a wrong command line (an unknown option, a DATE that is not YYYY-MM-DD).
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: ["json"], options: ["db", "practice", "from", "to"])
        try parsed.expectPositionalCount(atMost: 0)
        // The schedule command owns how --db, --practice, --from and --to are read; the report reads them the same way.
        let schedule = ScheduleCommand()
        let practice = try schedule.practice(parsed)
        let range = try schedule.dateRange(parsed, practice: practice)
        let store = try schedule.openStore(parsed, practice: practice, mustExist: true)

        let report = CallReport(try store.callRecords(from: range.from, to: range.to), practice: practice)
        if parsed.has("json") {
            console.print(
                try report.json(practice: practice, from: parsed.options["from"], to: parsed.options["to"]))
        } else {
            for line in report.table(practice: practice) { console.print(line) }
        }
        return ExitStatus.success
    }
}

import Foundation

/// Prints measurements as a table for people or one JSON record for machines.
struct Report {
    var measurements: [Measurement] = []

    mutating func add(_ measurement: Measurement) {
        self.measurements.append(measurement)
    }

    /// Whether every measurement with a target met it.
    var allTargetsMet: Bool { self.measurements.allSatisfy { $0.isMet ?? true } }

    func table() -> String {
        let header = ["group", "benchmark", "value", "unit", "target", "", "note"]
        var rows = [header]
        for measurement in self.measurements {
            let verdict = measurement.isMet.map { $0 ? "ok" : "MISSED" } ?? ""
            rows.append([
                measurement.group, measurement.name, formatted(measurement.value), measurement.unit,
                measurement.target?.text ?? "", verdict, measurement.note,
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                let cell = row[column]
                return column == 2
                    ? String(repeating: " ", count: widths[column] - cell.count) + cell
                    : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    func json(machine: [String: String]) -> String {
        let results = self.measurements.map { measurement -> [String: Any] in
            var entry: [String: Any] = [
                "group": measurement.group, "name": measurement.name, "value": measurement.value,
                "unit": measurement.unit, "note": measurement.note,
            ]
            if let target = measurement.target {
                entry["target"] = target.text
                entry["met"] = target.isMet(by: measurement.value)
            }
            return entry
        }
        let record: [String: Any] = ["machine": machine, "results": results, "allTargetsMet": self.allTargetsMet]
        let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

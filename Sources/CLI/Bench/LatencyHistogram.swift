import Call
import Foundation

/// A bench run's turn latencies as an SVG bar chart: 50 ms bins up to the slowest turn, with the p50 and p99 marked.
enum LatencyHistogram {
    static let binMilliseconds = 50.0

    static func svg(_ report: CallBenchReport) -> String {
        let latencies = report.turnLatenciesMilliseconds
        let binCount = max(1, Int(((latencies.max() ?? 0) / Self.binMilliseconds).rounded(.down)) + 1)
        var bins = [Int](repeating: 0, count: binCount)
        for latency in latencies { bins[min(binCount - 1, Int(latency / Self.binMilliseconds))] += 1 }
        let width = 720.0
        let height = 360.0
        let left = 60.0
        let bottom = 40.0
        let top = 40.0
        let plotWidth = width - left - 20
        let plotHeight = height - bottom - top
        let tallest = Double(max(1, bins.max() ?? 1))
        let barWidth = plotWidth / Double(binCount)
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                + "font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(left)\" y=\"20\" font-size=\"14\">Turn latency, \(latencies.count) turns, "
                + "\(report.requestedCallCount) calls at once over \(report.line)</text>",
        ]
        for (index, count) in bins.enumerated() where count > 0 {
            let barHeight = plotHeight * Double(count) / tallest
            let x = left + Double(index) * barWidth
            parts.append(
                String(
                    format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a7ab5\"/>", x,
                    top + plotHeight - barHeight, max(1, barWidth - 1), barHeight))
        }
        for (label, value) in [("p50", report.turnLatencyP50Milliseconds), ("p99", report.turnLatencyP99Milliseconds)] {
            let x = left + plotWidth * min(1, value / (Double(binCount) * Self.binMilliseconds))
            parts.append(
                String(
                    format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\"/>", x, top, x,
                    top + plotHeight))
            parts.append(
                String(format: "<text x=\"%.1f\" y=\"%.1f\" fill=\"#c0392b\">", x + 3, top + 12)
                    + "\(label) \(Int(value.rounded())) ms</text>")
        }
        let axisY = top + plotHeight
        parts.append(
            "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(left + plotWidth)\" y2=\"\(axisY)\" stroke=\"black\"/>")
        let tickStep = max(1, binCount / 8)
        for index in stride(from: 0, through: binCount, by: tickStep) {
            let x = left + Double(index) * barWidth
            parts.append(
                "<text x=\"\(String(format: "%.1f", x))\" y=\"\(axisY + 16)\" text-anchor=\"middle\">\(Int(Double(index) * Self.binMilliseconds))</text>"
            )
        }
        parts.append(
            "<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">milliseconds, \(Int(Self.binMilliseconds)) ms bins</text>"
        )
        parts.append(
            "<text x=\"14\" y=\"\(top + plotHeight / 2)\" transform=\"rotate(-90 14 \(top + plotHeight / 2))\" text-anchor=\"middle\">turns (tallest bin \(Int(tallest)))</text>"
        )
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }
}

import Voice

extension VoiceProcessor {
    /// Runs whole blocks of `capture` through the processor, with `render` (same length, when given) as the
    /// far-end reference, and returns the processed capture; a trailing partial block is dropped.
    func processAll(_ capture: [Float], render: [Float]? = nil) -> [Float] {
        var output = capture
        let blockCount = capture.count / self.frameCount
        output.removeLast(capture.count - blockCount * self.frameCount)
        output.withUnsafeMutableBufferPointer { buffer in
            for block in 0..<blockCount {
                let range = block * self.frameCount..<(block + 1) * self.frameCount
                if let render {
                    render.withUnsafeBufferPointer { far in
                        _ = self.analyzeRender(UnsafeBufferPointer(rebasing: far[range]))
                    }
                }
                _ = self.processCapture(UnsafeMutableBufferPointer(rebasing: buffer[range]))
            }
        }
        return output
    }
}

/// A far-end signal through an echo path: a pure delay and a gain, with a short decaying tail so that the
/// canceller has a room-like response to learn, not a single tap.
enum EchoPath {
    static func apply(_ far: [Float], sampleRate: Int, delayMilliseconds: Int, gain: Float) -> [Float] {
        let delay = sampleRate * delayMilliseconds / 1000
        let taps: [(offset: Int, weight: Float)] = [(0, 1), (sampleRate / 1000, 0.4), (sampleRate / 250, -0.2)]
        var echo = [Float](repeating: 0, count: far.count)
        for index in far.indices {
            var sum: Float = 0
            for tap in taps where index - delay - tap.offset >= 0 {
                sum += tap.weight * far[index - delay - tap.offset]
            }
            echo[index] = gain * sum
        }
        return echo
    }
}

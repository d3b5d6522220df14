import Dialogue

/// The agent's queued speech: prompts in order, read out one block at a time.
///
/// Queuing happens on the call side (it allocates); `read` runs per block and only copies.
final class AgentPlayout {
    /// A prompt waiting or playing.
    struct Item {
        var prompt: Prompt
        var samples: [Float]
    }

    private(set) var items: [Item] = []
    private var index = 0

    /// No audio before this sample time: the call side was still working out what to say.
    var notBeforeSampleTime: Int64 = 0

    /// Whether audio is queued or playing.
    var isPlaying: Bool { !self.items.isEmpty }

    /// Whether the last `read` wrote any of a prompt's frames: the agent is heard, not merely about to be (a
    /// prompt queued while the call side works out the answer is playing but not yet sounding).
    private(set) var isSounding = false

    /// Frames still to play before the last queued prompt starts: when the question that ends a reply is heard.
    var framesBeforeLastPrompt: Int {
        guard self.items.count > 1 else { return 0 }
        return self.items.dropLast().reduce(0) { $0 + $1.samples.count } - self.index
    }

    /// Queue a prompt's audio (16 kHz, -1…1) after what is queued.
    func enqueue(_ prompt: Prompt, samples: [Float]) {
        guard !samples.isEmpty else { return }
        self.items.append(Item(prompt: prompt, samples: samples))
    }

    /// Stop now and drop everything queued.
    func stop() {
        self.items.removeAll(keepingCapacity: true)
        self.index = 0
        self.isSounding = false
    }

    /// Fills `block` with the next frames (zeros when nothing plays).
    ///
    /// - Returns: the prompt whose first frame is in this block, if one started.
    func read(into block: UnsafeMutableBufferPointer<Float>, sampleTime: Int64) -> Prompt? {
        block.update(repeating: 0)
        guard !self.items.isEmpty, sampleTime >= self.notBeforeSampleTime else {
            self.isSounding = false
            return nil
        }
        self.isSounding = true
        var started: Prompt?
        var written = 0
        while written < block.count, let item = self.items.first {
            if self.index == 0, started == nil { started = item.prompt }
            let count = min(block.count - written, item.samples.count - self.index)
            item.samples.withUnsafeBufferPointer { source in
                for offset in 0..<count { block[written + offset] = source[self.index + offset] }
            }
            written += count
            self.index += count
            if self.index == item.samples.count {
                self.items.removeFirst()
                self.index = 0
            }
        }
        return started
    }
}

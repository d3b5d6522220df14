import Synchronization

@testable import AudioCore

/// Records where and how often a node's lifecycle methods ran, readable from the test.
final class NodeLedger: Sendable {
    let preparedSampleRate = Atomic<Int>(0)
    let preparedMaximumFrameCount = Atomic<Int>(0)
    let processCount = Atomic<Int>(0)
    let resetCount = Atomic<Int>(0)
    let lastSampleTime = Atomic<Int>(-1)
    let inputAddress = Atomic<UInt>(0)
    let outputAddress = Atomic<UInt>(0)
    let addressChangeCount = Atomic<Int>(0)
    let deinitCount = Atomic<Int>(0)
    /// The thread of the latest deinit, to check that graphs are freed on the control thread.
    let deinitThreads = Mutex<[UInt]>([])
}

/// Fills its output with one value and reports its lifecycle to a ledger.
final class ProbeNode: AudioNode {
    let ledger: NodeLedger
    let value: Float?

    /// - Parameter value: The value to output, or `nil` to pass the input through.
    init(ledger: NodeLedger, value: Float? = nil) {
        self.ledger = ledger
        self.value = value
    }

    deinit {
        self.ledger.deinitThreads.withLock { $0.append(AudioThread.currentID) }
        self.ledger.deinitCount.add(1, ordering: .relaxed)
    }

    func prepare(format: AudioFormat, maximumFrameCount: Int) {
        self.ledger.preparedSampleRate.store(format.sampleRate, ordering: .relaxed)
        self.ledger.preparedMaximumFrameCount.store(maximumFrameCount, ordering: .relaxed)
    }

    func process(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
        context: AudioProcessContext
    ) {
        let inputAddress = UInt(bitPattern: input.baseAddress)
        let outputAddress = UInt(bitPattern: output.baseAddress)
        let previousInput = self.ledger.inputAddress.exchange(inputAddress, ordering: .relaxed)
        let previousOutput = self.ledger.outputAddress.exchange(outputAddress, ordering: .relaxed)
        if (previousInput != 0 && previousInput != inputAddress)
            || (previousOutput != 0 && previousOutput != outputAddress)
        {
            self.ledger.addressChangeCount.add(1, ordering: .relaxed)
        }
        self.ledger.processCount.add(1, ordering: .relaxed)
        self.ledger.lastSampleTime.store(Int(context.sampleTime), ordering: .relaxed)

        // `pointee` accesses, so that ThreadSanitizer sees the audio thread touch the graph's buffers.
        let target = output.baseAddress!
        let source = input.baseAddress!
        for index in 0..<context.sampleCount {
            (target + index).pointee = self.value ?? (source + index).pointee
        }
    }

    func reset() {
        self.ledger.resetCount.add(1, ordering: .relaxed)
    }
}

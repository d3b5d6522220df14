import AudioCore
import Codecs
import Synchronization

/// Capture and playback through ALSA on one audio thread: each period is read, converted and resampled to the
/// engine's rate, cut into blocks for a `DuplexProcessor`, and its playback resampled back and written.
///
/// The thread blocks in `snd_pcm_readi` on a sound card, which paces it; a PCM that is not paced (ALSA's `file`
/// plugin over a `null` slave) is paced by the clock instead, one period per period's length. Playback starts with
/// `prefillPeriodCount` periods of silence, so its first write never underruns. Overruns and underruns are
/// recovered inside `PCMDevice` and counted there; a device that goes away ends the loop with `.deviceLost`, for the
/// control side to reopen.
///
/// Everything is allocated in `init`; the audio thread only converts, copies and calls the processor.
public final class DuplexLoop: @unchecked Sendable {
    /// Why the loop stopped.
    public enum Ending: Equatable, Sendable {
        case stopped
        /// It ran the blocks it was asked for.
        case finished
        case deviceLost(PCMDirection, code: Int32)
        case failed(PCMDirection, code: Int32)
    }

    public let capture: PCMDevice
    public let playback: PCMDevice
    public let engineSampleRate: Int
    public let blockFrameCount: Int
    public let isClockPaced: Bool
    let processor: any DuplexProcessor

    /// Periods of silence written before the first.
    public static let prefillPeriodCount = 2

    private let captureInt16: UnsafeMutableBufferPointer<Int16>
    private let captureFloat: UnsafeMutableBufferPointer<Float>
    private let playbackInt16: UnsafeMutableBufferPointer<Int16>
    private let playbackFloat: UnsafeMutableBufferPointer<Float>
    private let block: UnsafeMutableBufferPointer<Float>
    private let blockOut: UnsafeMutableBufferPointer<Float>
    private let resampledOut: UnsafeMutableBufferPointer<Float>
    private let engineIn: FrameQueue
    private let deviceOut: FrameQueue
    private let captureResampler: Resampler?
    private let playbackResampler: Resampler?

    private let stopRequest = Atomic<Bool>(false)
    private let blocks = Atomic<Int>(0)
    private let longestBlockNanoseconds = Atomic<Int>(0)
    private let totalBlockNanoseconds = Atomic<Int>(0)
    private var thread: AudioThread?
    private var ending = Ending.stopped
    private let blocksOverFive = Atomic<Int>(0)
    private let blocksOverTen = Atomic<Int>(0)
    private let realTimeRefusal = Mutex<String?>(nil)

    /// Blocks the processor took longer than 5 ms and 10 ms (a block's length) over. Any thread.
    public var slowBlockCounts: (overFive: Int, overTen: Int) {
        (self.blocksOverFive.load(ordering: .relaxed), self.blocksOverTen.load(ordering: .relaxed))
    }

    /// Why the audio thread runs without real-time priority, or `nil` when it has it. Read after `start()`.
    public var realTimeRefusalReason: String? { self.realTimeRefusal.withLock { $0 } }

    /// Blocks processed so far. Any thread.
    public var blockCount: Int { self.blocks.load(ordering: .relaxed) }

    /// The longest and the mean time the processor took for one block, in microseconds. Any thread.
    public var processingMicroseconds: (longest: Double, mean: Double) {
        let count = max(1, self.blocks.load(ordering: .relaxed))
        return (
            Double(self.longestBlockNanoseconds.load(ordering: .relaxed)) / 1000,
            Double(self.totalBlockNanoseconds.load(ordering: .relaxed)) / Double(count) / 1000
        )
    }

    /// Prepares a loop over two opened devices.
    ///
    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Parameters:
    ///   - isClockPaced: pace by the clock (for PCMs that do not block, such as ALSA's `file` plugin).
    /// - Throws: `DeviceError` when a device's rate cannot be resampled to the engine's.
    public init(
        capture: PCMDevice, playback: PCMDevice, engineSampleRate: Int, blockFrameCount: Int, isClockPaced: Bool,
        processor: any DuplexProcessor
    ) throws(DeviceError) {
        self.capture = capture
        self.playback = playback
        self.engineSampleRate = engineSampleRate
        self.blockFrameCount = blockFrameCount
        self.isClockPaced = isClockPaced
        self.processor = processor
        func resampler(_ device: PCMDevice, from input: Int, to output: Int) throws(DeviceError) -> Resampler? {
            guard input != output else { return nil }
            do {
                let resampler = try Resampler(inputSampleRate: input, outputSampleRate: output)
                resampler.skipLeadingLatency()
                return resampler
            } catch {
                throw DeviceError(
                    device: device.name, operation: "resample \(input) Hz to \(output) Hz", reason: "\(error)")
            }
        }
        self.captureResampler = try resampler(capture, from: capture.sampleRate, to: engineSampleRate)
        self.playbackResampler = try resampler(playback, from: engineSampleRate, to: playback.sampleRate)
        let captureEngineFrames = capture.periodFrameCount * engineSampleRate / capture.sampleRate + 64
        self.captureInt16 = .allocate(capacity: capture.periodFrameCount)
        self.captureFloat = .allocate(capacity: capture.periodFrameCount)
        self.playbackInt16 = .allocate(capacity: playback.periodFrameCount)
        self.playbackFloat = .allocate(capacity: playback.periodFrameCount)
        self.block = .allocate(capacity: blockFrameCount)
        self.blockOut = .allocate(capacity: blockFrameCount)
        self.resampledOut = .allocate(capacity: blockFrameCount * playback.sampleRate / engineSampleRate + 64)
        self.engineIn = FrameQueue(capacity: captureEngineFrames + blockFrameCount * 2)
        self.deviceOut = FrameQueue(capacity: playback.periodFrameCount * 2 + self.resampledOut.count * 4)
        for buffer in [self.captureFloat, self.playbackFloat, self.block, self.blockOut, self.resampledOut] {
            buffer.initialize(repeating: 0)
        }
        self.captureInt16.initialize(repeating: 0)
        self.playbackInt16.initialize(repeating: 0)
    }

    deinit {
        for buffer in [self.captureFloat, self.playbackFloat, self.block, self.blockOut, self.resampledOut] {
            buffer.deallocate()
        }
        self.captureInt16.deallocate()
        self.playbackInt16.deallocate()
    }

    /// Starts the audio thread; it runs until `stop()`, a device fails, or `blockLimit` blocks have run.
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Throws: `DeviceError` when a device cannot be started or the thread cannot.
    public func start(blockLimit: Int? = nil) throws(DeviceError) {
        try self.capture.start()
        try self.playback.start()
        self.stopRequest.store(false, ordering: .relaxed)
        do {
            self.thread = try AudioThread.start(name: "alsa-duplex") { [self] in
                let refusal = AudioThread.requestRealTimePriority()
                self.realTimeRefusal.withLock { $0 = refusal }
                self.ending = self.run(blockLimit: blockLimit ?? .max)
            }
        } catch {
            throw DeviceError(device: self.capture.name, operation: "start the audio thread", reason: "\(error)")
        }
    }

    /// Asks the audio thread to stop after the period it is in. Any thread.
    public func stop() { self.stopRequest.store(true, ordering: .releasing) }

    /// Waits for the audio thread to end and says why it did. Control thread only.
    public func wait() -> Ending {
        self.thread?.join()
        self.thread = nil
        return self.ending
    }

    /// The audio thread's loop.
    ///
    /// Real-time safe: no allocation, no locks; it blocks only in ALSA's transfers and, clock-paced, in
    /// `clock_nanosleep`.
    private func run(blockLimit: Int) -> Ending {
        for _ in 0..<Self.prefillPeriodCount {
            if let ending = self.writePeriod(silent: true) { return ending }
        }
        let clock = MonotonicClock()
        var pacer = BlockPacer(
            intervalNanoseconds: Int64(self.capture.periodFrameCount) * 1_000_000_000 / Int64(self.capture.sampleRate),
            clock: clock)
        var processed = 0
        while !self.stopRequest.load(ordering: .relaxed) {
            switch self.capture.read(into: self.captureInt16) {
            case .done: break
            case .deviceLost(let code): return .deviceLost(.capture, code: code)
            case .failed(let code): return .failed(.capture, code: code)
            }
            SampleConversion.convert(UnsafeBufferPointer(self.captureInt16), to: self.captureFloat)
            if let resampler = self.captureResampler {
                let progress = resampler.process(UnsafeBufferPointer(self.captureFloat), into: self.engineIn.room)
                self.engineIn.commit(progress.producedFrameCount)
            } else {
                self.engineIn.append(UnsafeBufferPointer(self.captureFloat))
            }
            while self.engineIn.count >= self.blockFrameCount, processed < blockLimit {
                self.engineIn.take(into: self.block)
                let start = clock.now()
                self.processor.process(capture: UnsafeBufferPointer(self.block), playback: self.blockOut)
                self.account(Int(clock.now().nanoseconds - start.nanoseconds))
                processed += 1
                if let resampler = self.playbackResampler {
                    let progress = resampler.process(UnsafeBufferPointer(self.blockOut), into: self.resampledOut)
                    self.deviceOut.append(
                        UnsafeBufferPointer(rebasing: self.resampledOut[..<progress.producedFrameCount]))
                } else {
                    self.deviceOut.append(UnsafeBufferPointer(self.blockOut))
                }
            }
            while self.deviceOut.count >= self.playback.periodFrameCount {
                if let ending = self.writePeriod(silent: false) { return ending }
            }
            if processed >= blockLimit { return .finished }
            if self.isClockPaced { pacer.waitForNextTick() }
        }
        return .stopped
    }

    /// Writes one period: silence, or the oldest queued playback.
    private func writePeriod(silent: Bool) -> Ending? {
        if silent {
            self.playbackFloat.update(repeating: 0)
        } else {
            self.deviceOut.take(into: self.playbackFloat)
        }
        SampleConversion.convert(UnsafeBufferPointer(self.playbackFloat), to: self.playbackInt16)
        switch self.playback.write(UnsafeBufferPointer(self.playbackInt16)) {
        case .done: return nil
        case .deviceLost(let code): return .deviceLost(.playback, code: code)
        case .failed(let code): return .failed(.playback, code: code)
        }
    }

    private func account(_ nanoseconds: Int) {
        self.blocks.add(1, ordering: .relaxed)
        if nanoseconds > 5_000_000 { self.blocksOverFive.add(1, ordering: .relaxed) }
        if nanoseconds > 10_000_000 { self.blocksOverTen.add(1, ordering: .relaxed) }
        self.totalBlockNanoseconds.add(nanoseconds, ordering: .relaxed)
        if nanoseconds > self.longestBlockNanoseconds.load(ordering: .relaxed) {
            self.longestBlockNanoseconds.store(nanoseconds, ordering: .relaxed)
        }
    }
}

import AudioCore
import Devices
import Foundation
import Practice
import Synchronization

/// The desk box: one phone line through ALSA, answered by the agent call after call, with staff able to take any
/// call over.
///
/// Three threads: the audio thread (`DuplexLoop` running the `DeskLine`), the call thread (each call's call side,
/// one after another: prepare, wait for the line to answer, run, record), and a supervisor that reopens a device
/// that went away, with backoff, and ends the run when the line ends (the capture file ran out, or `stop()`).
///
/// Not real-time safe: the control side. `status()`, `takeOver()`, `resume()`, `answer()` and `stop()` may be called
/// from any thread (the view's).
public final class DeskBox: @unchecked Sendable {
    public let configuration: DeskConfiguration
    let settings: CallSettings
    let store: ScheduleStore
    let line: DeskLine
    private let files: (capture: DeskAudioFiles?, playback: URL?)
    private let state = Mutex(DeskState())
    private let isEnding = Atomic<Bool>(false)
    private var supervisor: Thread?
    private var callThread: Thread?
    private let threadsDone = DispatchGroup()

    /// Mutable state shared between the threads, behind the mutex (never touched by the audio thread).
    struct DeskState {
        var loop: DuplexLoop?
        var call: LiveCall?
        var callStatus: DeskCallStatus?
        var finished: [ReplayResult] = []
        /// When the line answered each finished call, in seconds of the line's audio.
        var answerSeconds: [Double] = []
        var reopenCount = 0
        var lostBlockCount = 0
        var processedBlocks = 0
        var lastProblem: String?
        var failure: String?
        var captureXruns = 0
        var playbackXruns = 0
        var longestBlockNanoseconds = 0.0
        var blocksOverFiveMilliseconds = 0
        var blocksOverTenMilliseconds = 0
        /// Why the audio thread ran without real-time priority, if it did.
        var realTimeRefusal: String?
    }

    /// Times a lost device is retried after, in order; the last repeats.
    static let reopenBackoff: [Duration] = [.zero, .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2)]

    /// Opens the schedule and reads the capture file; the devices open in `start()`.
    ///
    /// - Throws: `CallError` when the store or the capture file cannot be opened.
    public init(configuration: DeskConfiguration) throws(CallError) {
        self.configuration = configuration
        self.settings = configuration.call
        do {
            self.store = try ScheduleStore(path: configuration.storePath, practice: configuration.practice)
        } catch {
            throw .schedule("cannot open the schedule at \(configuration.storePath): \(error)")
        }
        self.line = try DeskLine()
        var captureFiles: DeskAudioFiles?
        if case .file(let url) = configuration.capture { captureFiles = try DeskAudioFiles(capture: url) }
        if case .file = configuration.playback, captureFiles == nil {
            throw .frontEnd(
                "a playback file needs a capture file: both ends of the line run through ALSA's file plugin")
        }
        var playbackFile: URL?
        if case .file(let url) = configuration.playback { playbackFile = url }
        self.files = (captureFiles, playbackFile)
        // The fixed prompts are synthesized once, before the first caller waits for them.
        _ = try LiveCall(
            settings: self.settings, store: self.store, callID: "warm-up", callerNumber: nil, start: Date())
    }

    /// Puts the patients a desk script's calls expect into the schedule. Before `start()`.
    ///
    /// - Throws: `CallError.schedule` when one cannot be added.
    public func seed(_ script: DeskScript) throws(CallError) {
        try script.seed(self.store, practice: self.configuration.practice)
    }

    /// Whether the run has ended or is ending: the line's audio has stopped. Any thread.
    public var hasEnded: Bool { self.isEnding.load(ordering: .acquiring) }

    /// Frames of the capture file, when the line is a file: the run ends once they have played.
    var captureFrameCount: Int? { self.files.capture?.capture.count }

    /// Opens both devices and starts the line.
    ///
    /// - Throws: `DeviceError` naming the device and ALSA's error when one cannot be opened.
    public func start() throws(DeviceError) {
        let loop = try self.openLoop(fromFrame: 0)
        try loop.start(blockLimit: self.captureFrameCount.map { $0 / CallFrontEnd.blockFrameCount })
        self.state.withLock { $0.loop = loop }
        self.threadsDone.enter()
        self.threadsDone.enter()
        let supervisor = Thread { [self] in
            self.supervise()
            self.threadsDone.leave()
        }
        let callThread = Thread { [self] in
            self.answerCalls()
            self.threadsDone.leave()
        }
        supervisor.name = "desk-supervisor"
        callThread.name = "desk-calls"
        self.supervisor = supervisor
        self.callThread = callThread
        supervisor.start()
        callThread.start()
    }

    /// Ends the run after the block in progress: the call on the line, if any, ends too. Any thread.
    public func stop() {
        self.isEnding.store(true, ordering: .releasing)
        self.state.withLock { $0.loop }?.stop()
    }

    /// Waits for the run to end (the capture file played out, or `stop()`), writes the playback file, and reports.
    ///
    /// - Throws: `CallError` when the call side failed or the playback file cannot be written.
    public func wait() throws(CallError) -> DeskReport {
        self.threadsDone.wait()
        let state = self.state.withLock { $0 }
        if let playback = self.files.playback, let files = self.files.capture { try files.writePlayback(to: playback) }
        if let failure = state.failure { throw .frontEnd(failure) }
        return DeskReport(
            calls: state.finished, answerSeconds: state.answerSeconds, seconds: Double(state.processedBlocks) / 100,
            captureXruns: state.captureXruns,
            playbackXruns: state.playbackXruns, reopenCount: state.reopenCount, lostBlockCount: state.lostBlockCount,
            longestBlockMilliseconds: state.longestBlockNanoseconds / 1e6,
            blocksOverFiveMilliseconds: state.blocksOverFiveMilliseconds,
            blocksOverTenMilliseconds: state.blocksOverTenMilliseconds, realTimeRefusal: state.realTimeRefusal,
            problems: state.lastProblem.map { [$0] } ?? [])
    }

    /// Staff take the line: the call on it ends as theirs, with the agent silent from the next block, and no call
    /// is answered until `resume()`. Any thread.
    public func takeOver() {
        self.line.holdForStaff()
        self.state.withLock { $0.call }?.takeOver()
    }

    /// The agent answers the line again. Any thread.
    public func resume() { self.line.resume() }

    /// Answers the line now, without waiting for the caller to speak. Any thread.
    public func answer() { self.line.answer() }

    /// Makes the loop's next blocks meet an ALSA fault, as a test or `--inject` asks: `-EPIPE` an xrun, `-ENODEV`
    /// a device that goes away. Any thread.
    public func injectFault(_ code: Int32, on direction: PCMDirection) {
        guard let loop = self.state.withLock({ $0.loop }) else { return }
        (direction == .capture ? loop.capture : loop.playback).injectFault(code)
    }

    /// What the box is doing now. Any thread.
    public func status() -> DeskStatus {
        let state = self.state.withLock { $0 }
        let mode: DeskStatus.Mode =
            switch self.line.mode {
            case .idle: .idle
            case .inCall: .inCall
            case .staff: .staff
            }
        let processing = state.loop?.processingMicroseconds ?? (longest: 0, mean: 0)
        return DeskStatus(
            mode: mode, inputLevel: self.line.inputLevel, outputLevel: self.line.outputLevel,
            isSpeech: state.callStatus?.isInTurn ?? self.line.isSpeech,
            captureXruns: state.captureXruns + (state.loop?.capture.xrunCount ?? 0),
            playbackXruns: state.playbackXruns + (state.loop?.playback.xrunCount ?? 0),
            reopenCount: state.reopenCount,
            longestBlockMilliseconds: max(state.longestBlockNanoseconds / 1e6, processing.longest / 1000),
            meanBlockMilliseconds: processing.mean / 1000,
            seconds: Double(self.line.blockCount) / 100, call: state.callStatus, finishedCalls: state.finished,
            lastProblem: state.lastProblem)
    }

    // MARK: The threads

    private func openLoop(fromFrame frame: Int) throws(DeviceError) -> DuplexLoop {
        let period = CallFrontEnd.sampleRate * self.configuration.periodMilliseconds / 1000
        func open(_ audio: DeskConfiguration.Audio, _ direction: PCMDirection) throws(DeviceError) -> PCMDevice {
            switch audio {
            case .device(let name):
                return try PCMDevice(
                    name: name, direction: direction, sampleRate: CallFrontEnd.sampleRate, periodFrameCount: period)
            case .file(let url):
                let configuration: String
                let name: String
                do {
                    if direction == .capture {
                        configuration = try self.files.capture!.captureConfiguration(from: frame)
                        name = FilePCMConfiguration.captureName
                    } else {
                        configuration = self.files.capture!.playbackConfiguration()
                        name = FilePCMConfiguration.playbackName
                    }
                } catch {
                    throw DeviceError(device: url.path, operation: "prepare the file", reason: "\(error)")
                }
                return try PCMDevice(
                    name: name, direction: direction, sampleRate: CallFrontEnd.sampleRate, periodFrameCount: period,
                    configuration: configuration)
            }
        }
        let capture = try open(self.configuration.capture, .capture)
        let playback = try open(self.configuration.playback, .playback)
        let isFile = self.files.capture != nil
        return try DuplexLoop(
            capture: capture, playback: playback, engineSampleRate: CallFrontEnd.sampleRate,
            blockFrameCount: CallFrontEnd.blockFrameCount, isClockPaced: isFile, processor: self.line)
    }

    /// The supervisor: waits on the loop, reopens lost devices, and ends the run when the line ends.
    private func supervise() {
        var attempt = 0
        while let loop = self.state.withLock({ $0.loop }) {
            let ending = loop.wait()
            let blocks = loop.blockCount
            self.state.withLock { state in
                state.processedBlocks += blocks
                state.captureXruns += loop.capture.xrunCount
                state.playbackXruns += loop.playback.xrunCount
                state.longestBlockNanoseconds = max(
                    state.longestBlockNanoseconds, loop.processingMicroseconds.longest * 1000)
                state.blocksOverFiveMilliseconds += loop.slowBlockCounts.overFive
                state.blocksOverTenMilliseconds += loop.slowBlockCounts.overTen
                state.realTimeRefusal = state.realTimeRefusal ?? loop.realTimeRefusalReason
                state.loop = nil
            }
            loop.capture.close()
            loop.playback.close()
            guard case .deviceLost(let direction, let code) = ending, !self.isEnding.load(ordering: .acquiring) else {
                if case .failed(let direction, let code) = ending {
                    self.state.withLock { $0.failure = "the \(direction) device failed: ALSA error \(code)" }
                }
                break
            }
            let wait = Self.reopenBackoff[min(attempt, Self.reopenBackoff.count - 1)]
            attempt += 1
            Thread.sleep(forTimeInterval: wait.secondsValue)
            // A sound card resumes at the present: what played while it was gone is lost, and a file resumes there.
            let resumeFrame =
                self.state.withLock { $0.processedBlocks } * CallFrontEnd.blockFrameCount
                + Int(wait.frameCount(sampleRate: CallFrontEnd.sampleRate))
            do {
                let reopened = try self.openLoop(fromFrame: resumeFrame)
                let remaining = self.captureFrameCount.map { max(0, $0 - resumeFrame) / CallFrontEnd.blockFrameCount }
                try reopened.start(blockLimit: remaining)
                self.state.withLock { state in
                    state.loop = reopened
                    state.reopenCount += 1
                    state.lostBlockCount +=
                        Int(wait.frameCount(sampleRate: CallFrontEnd.sampleRate)) / CallFrontEnd.blockFrameCount
                    state.lastProblem = "the \(direction) device went away (ALSA error \(code)); opened again"
                }
                attempt = 0
            } catch {
                self.state.withLock { $0.lastProblem = "\(error); trying again" }
                // Stay in the loop: a nil loop would end it, so retry opening until it works or the run stops.
                while !self.isEnding.load(ordering: .acquiring) {
                    Thread.sleep(forTimeInterval: Self.reopenBackoff.last!.secondsValue)
                    if let reopened = try? self.openLoop(fromFrame: resumeFrame), (try? reopened.start()) != nil {
                        self.state.withLock { state in
                            state.loop = reopened
                            state.reopenCount += 1
                        }
                        break
                    }
                }
            }
        }
        self.isEnding.store(true, ordering: .releasing)
    }

    /// The call thread: one call after another until the line ends.
    private func answerCalls() {
        var number = 0
        while !self.isEnding.load(ordering: .acquiring) {
            number += 1
            let id = "desk-\(Int(Date().timeIntervalSince1970))-\(number)"
            let call: LiveCall
            do {
                // The name context listens for the practice's patients as they are when the call is prepared.
                let names: [String]
                do {
                    names = try self.store.patientNames()
                } catch {
                    throw CallError.schedule("reading the patients' names: \(error)")
                }
                call = try LiveCall(
                    settings: self.settings, store: self.store, callID: id, callerNumber: nil, start: Date(),
                    patientNames: names, maximumLength: self.configuration.maximumCallLength)
            } catch {
                self.state.withLock { $0.failure = "cannot prepare a call: \(error)" }
                self.stop()
                return
            }
            call.observer = { [self] session, line in
                self.state.withLock { $0.callStatus = DeskCallStatus(session, line: line) }
            }
            let before = self.line.startedCallCount
            _ = self.line.incoming.tryWrite(Unmanaged.passUnretained(call))
            while self.line.startedCallCount == before, !self.isEnding.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.01)
            }
            guard self.line.startedCallCount > before else {
                // The line ended with the call unanswered; the audio thread is gone, so the call is ours to drop.
                return
            }
            self.state.withLock { $0.call = call }
            do {
                let answered = Double(self.line.answerBlock) / 100
                call.session.startInstant =
                    self.configuration.clockStart.map { $0.addingTimeInterval(answered) } ?? Date()
                let result = try call.runCallSide(isLineOpen: { [self] in !self.isEnding.load(ordering: .acquiring) })
                self.state.withLock { state in
                    state.finished.append(result)
                    state.answerSeconds.append(answered)
                    state.callStatus = nil
                }
            } catch {
                self.state.withLock { $0.lastProblem = "call \(id): \(error)" }
            }
            // The audio thread lets the call go at its next block; free it only after (or once the line has ended).
            while self.line.released.tryRead() == nil, !self.isEnding.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.01)
            }
            self.state.withLock { $0.call = nil }
        }
    }
}

/// What a desk run came to.
public struct DeskReport: Sendable {
    public var calls: [ReplayResult]
    /// When the line answered each call, in seconds of the line's audio.
    public var answerSeconds: [Double]
    public var seconds: Double
    public var captureXruns: Int
    public var playbackXruns: Int
    public var reopenCount: Int
    /// Blocks lost while a device was away.
    public var lostBlockCount: Int
    public var longestBlockMilliseconds: Double
    /// Blocks the audio thread took longer than 5 ms and than 10 ms (a block's length) over.
    public var blocksOverFiveMilliseconds: Int
    public var blocksOverTenMilliseconds: Int
    /// Why the audio thread ran without real-time (SCHED_FIFO) priority; `nil` when it had it.
    public var realTimeRefusal: String?
    public var problems: [String]
}

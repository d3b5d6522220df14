import AudioCore
import Devices
import Foundation
import Synchronization

/// The desk box's line, on the audio thread: one call at a time on a line with no signalling.
///
/// Idle, it listens for a caller (`DeskCallStart`) or the answer key, then takes the call the control side prepared
/// (`incoming`) and runs its audio side every block until the call side finishes it; the finished call goes back
/// (`released`) so that it is freed on the control side, never here. While staff hold the line (`t`) the agent is
/// silent and no call is answered until they resume (`r`).
///
/// Real-time safe after `init`: `process` takes no locks, does not allocate, log or throw. Calls move through the two
/// rings as unretained references; the control side holds each one until it comes back.
final class DeskLine: DuplexProcessor, @unchecked Sendable {
    /// What the line is doing, for the view.
    enum Mode: Int {
        case idle = 0
        case inCall = 1
        case staff = 2
    }

    /// The next call, prepared by the control side (producer: control; consumer: audio).
    let incoming = SPSCRingBuffer<Unmanaged<LiveCall>>(minimumCapacity: 2)
    /// Calls whose audio side has finished (producer: audio; consumer: control).
    let released = SPSCRingBuffer<Unmanaged<LiveCall>>(minimumCapacity: 4)

    private let start: DeskCallStart
    private var current: Unmanaged<LiveCall>?

    private let modeValue = Atomic<Int>(Mode.idle.rawValue)
    private let answerRequest = Atomic<Bool>(false)
    private let staffHold = Atomic<Bool>(false)
    private let inputLevelBits = Atomic<UInt32>(0)
    private let outputLevelBits = Atomic<UInt32>(0)
    private let speechNow = Atomic<Bool>(false)
    private let startedCalls = Atomic<Int>(0)
    private let lastAnswerBlock = Atomic<Int>(0)
    /// Blocks the line has heard since it opened.
    private let blocks = Atomic<Int>(0)

    /// Not real-time safe: allocates. Control thread only.
    ///
    /// - Throws: `CallError.frontEnd` when the idle line's detectors cannot be made.
    init() throws(CallError) {
        self.start = try DeskCallStart()
    }

    // What the control side and the view read and set; any thread.

    var mode: Mode { Mode(rawValue: self.modeValue.load(ordering: .acquiring)) ?? .idle }
    /// The last block's level in and out, in dBFS (-100 for silence).
    var inputLevel: Float { Float(bitPattern: self.inputLevelBits.load(ordering: .relaxed)) }
    var outputLevel: Float { Float(bitPattern: self.outputLevelBits.load(ordering: .relaxed)) }
    /// Whether the idle line's last block was speech (in a call, the call's own reports say).
    var isSpeech: Bool { self.speechNow.load(ordering: .relaxed) }
    var startedCallCount: Int { self.startedCalls.load(ordering: .acquiring) }
    /// The block count at which the line last answered.
    var answerBlock: Int { self.lastAnswerBlock.load(ordering: .acquiring) }
    var blockCount: Int { self.blocks.load(ordering: .relaxed) }
    var isStaffHolding: Bool { self.staffHold.load(ordering: .acquiring) }

    /// Answers now, without waiting for the caller to speak (the answer key).
    func answer() { self.answerRequest.store(true, ordering: .releasing) }

    /// Staff hold the line: no call is answered, and the agent stays silent, until `resume()`.
    func holdForStaff() { self.staffHold.store(true, ordering: .releasing) }

    /// The agent answers the line again.
    func resume() { self.staffHold.store(false, ordering: .releasing) }

    /// One block of the line.
    ///
    /// Real-time safe: no locks, no allocation. Audio thread only.
    func process(capture: UnsafeBufferPointer<Float>, playback: UnsafeMutableBufferPointer<Float>) {
        self.blocks.add(1, ordering: .relaxed)
        self.inputLevelBits.store(Self.level(capture).bitPattern, ordering: .relaxed)
        if let current = self.current {
            let call = current.takeUnretainedValue()
            call.audio.process(capture: capture, playback: playback)
            if call.isFinished {
                _ = self.released.tryWrite(current)
                self.current = nil
                self.start.reset()
                self.modeValue.store(
                    self.isStaffHolding ? Mode.staff.rawValue : Mode.idle.rawValue, ordering: .releasing)
            }
        } else {
            for index in 0..<playback.count { playback[index] = 0 }
            let isHeld = self.isStaffHolding
            let callerSpoke = self.start.process(capture)
            self.speechNow.store(self.start.isSpeech, ordering: .relaxed)
            let isAnswering = self.answerRequest.exchange(false, ordering: .acquiring) || callerSpoke
            if isHeld {
                self.modeValue.store(Mode.staff.rawValue, ordering: .releasing)
            } else if isAnswering, let next = self.incoming.tryRead() {
                self.current = next
                self.lastAnswerBlock.store(self.blocks.load(ordering: .relaxed), ordering: .relaxed)
                self.startedCalls.add(1, ordering: .releasing)
                self.modeValue.store(Mode.inCall.rawValue, ordering: .releasing)
            } else {
                self.modeValue.store(Mode.idle.rawValue, ordering: .releasing)
            }
        }
        self.outputLevelBits.store(Self.level(UnsafeBufferPointer(playback)).bitPattern, ordering: .relaxed)
    }

    /// A block's RMS level in dBFS, -100 for digital silence.
    ///
    /// Real-time safe.
    static func level(_ block: UnsafeBufferPointer<Float>) -> Float {
        var sum: Float = 0
        for sample in block { sum += sample * sample }
        let meanSquare = sum / Float(max(1, block.count))
        return meanSquare > 1e-10 ? 10 * log10(meanSquare) : -100
    }
}

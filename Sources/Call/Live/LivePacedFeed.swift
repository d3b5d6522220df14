import AudioCore
import Foundation
import Synchronization

/// Feeds a live call from samples in memory on an audio thread, one block per 10 ms of the clock, and keeps what
/// the agent played: the live path's test rig without a sound card. The call side runs on the calling thread.
///
/// The audio thread only copies, calls `LiveCallAudio.process` and sleeps to the next block's deadline; it stops
/// when the call ends or after `maximumFrameCount` frames (silence after the capture runs out).
enum LivePacedFeed {
    /// What the audio thread fills: the agent's audio, allocated before it starts.
    private final class Tracks: @unchecked Sendable {
        let capture: [Float]
        let playback: UnsafeMutableBufferPointer<Float>
        var blockCount = 0
        /// The audio thread has fed its last block.
        let isDone = Atomic<Bool>(false)

        init(capture: [Float], frameCount: Int) {
            self.capture = capture
            self.playback = .allocate(capacity: frameCount)
            self.playback.initialize(repeating: 0)
        }

        deinit { self.playback.deallocate() }
    }

    /// Plays `capture` into `call` in real time (`speed` 1) or faster, and runs its call side to the end.
    ///
    /// - Returns: the call's result and the agent's audio as it played, block for block with `capture`.
    /// - Throws: `CallError` from the call side, or `.frontEnd` when the audio thread cannot start.
    ///
    /// - Parameter echo: an echo path from the agent's playback back into the capture, as a desk phone's headset
    ///   port has: its delay in frames (at least a block) and its gain; `nil` for none.
    static func run(
        _ call: LiveCall, capture: [Float], speed: Double = 1, maximumFrameCount: Int,
        echo: (delayFrameCount: Int, gain: Float)? = nil
    ) throws(CallError) -> (result: ReplayResult, playback: [Float]) {
        precondition(
            echo.map { $0.delayFrameCount >= CallFrontEnd.blockFrameCount } ?? true,
            "an echo comes a block late at least")
        let blockFrameCount = CallFrontEnd.blockFrameCount
        let blockTotal = maximumFrameCount / blockFrameCount
        let tracks = Tracks(capture: capture, frameCount: blockTotal * blockFrameCount)
        let blockNanoseconds = Int64(10_000_000 / speed)
        let audioThread: AudioThread
        do {
            audioThread = try AudioThread.start(name: "live-audio") {
                var silence = [Float](repeating: 0, count: blockFrameCount)
                var pacer = BlockPacer(intervalNanoseconds: blockNanoseconds, clock: MonotonicClock())
                tracks.capture.withUnsafeBufferPointer { capture in
                    silence.withUnsafeMutableBufferPointer { silence in
                        for block in 0..<blockTotal where !call.isFinished {
                            pacer.waitForNextTick()
                            let offset = block * blockFrameCount
                            var input =
                                offset + blockFrameCount <= capture.count
                                ? UnsafeBufferPointer(rebasing: capture[offset..<offset + blockFrameCount])
                                : Self.tail(of: capture, from: offset, into: silence)
                            if let echo {
                                for index in 0..<blockFrameCount {
                                    let played = offset + index - echo.delayFrameCount
                                    silence[index] =
                                        input[index] + (played >= 0 ? tracks.playback[played] * echo.gain : 0)
                                }
                                input = UnsafeBufferPointer(silence)
                            }
                            call.audio.process(
                                capture: input,
                                playback: UnsafeMutableBufferPointer(
                                    rebasing: tracks.playback[offset..<offset + blockFrameCount]))
                            tracks.blockCount = block + 1
                        }
                    }
                }
                tracks.isDone.store(true, ordering: .releasing)
            }
        } catch {
            throw .frontEnd("cannot start the audio thread: \(error)")
        }
        let result: ReplayResult
        do {
            result = try call.runCallSide(isLineOpen: { !tracks.isDone.load(ordering: .acquiring) })
        } catch {
            audioThread.join()
            throw error
        }
        audioThread.join()
        return (result, Array(tracks.playback.prefix(tracks.blockCount * blockFrameCount)))
    }

    /// The last part of `capture` from `offset`, padded with zeros to a block in `scratch`.
    private static func tail(
        of capture: UnsafeBufferPointer<Float>, from offset: Int, into scratch: UnsafeMutableBufferPointer<Float>
    ) -> UnsafeBufferPointer<Float> {
        for index in 0..<scratch.count {
            scratch[index] = offset + index < capture.count ? capture[offset + index] : 0
        }
        return UnsafeBufferPointer(scratch)
    }
}

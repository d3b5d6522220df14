import CALSA
import Synchronization

/// One ALSA PCM, opened blocking for 16-bit mono interleaved audio: capture or playback, one period at a time.
///
/// `init` negotiates the rate nearest the one asked for (the caller resamples if it differs), a period of the
/// asked length and a buffer of `periodCount` periods. `read` and `write` block until a whole period has moved;
/// an overrun or underrun is recovered (`snd_pcm_recover`), counted in `xrunCount`, and the transfer retried, so it
/// is never fatal. A device that has gone away is reported as `.deviceLost` for the control side to reopen.
///
/// Open, configure and close on the control thread; `read` / `write` on the one audio thread that owns the PCM.
/// `@unchecked Sendable`: the handle moves to that thread once, and ALSA allows one thread per PCM.
public final class PCMDevice: @unchecked Sendable {
    /// What one transfer did.
    public enum Transfer: Equatable, Sendable {
        /// The whole period moved (after any recoveries).
        case done
        /// The device is gone (unplugged, its server stopped): close it and open it again.
        case deviceLost(code: Int32)
        /// Another error ALSA could not recover from.
        case failed(code: Int32)
    }

    public let name: String
    public let direction: PCMDirection
    /// The rate the device agreed to, in frames per second.
    public let sampleRate: Int
    /// Frames per period: one `read` or `write`.
    public let periodFrameCount: Int
    /// Frames the device buffers.
    public let bufferFrameCount: Int

    private let handle: OpaquePointer
    private let xruns = Atomic<Int>(0)
    /// A fault the next transfer reports as if ALSA had (0: none), for recovery tests.
    private let injectedFault = Atomic<Int32>(0)
    private var isClosed = false

    /// Overruns (capture) or underruns (playback) recovered since the device was opened. Any thread.
    public var xrunCount: Int { self.xruns.load(ordering: .relaxed) }

    /// Opens the PCM called `name`, either from the system's configuration or, with `configuration`, from that
    /// text alone (`pcm.NAME { … }` definitions, as in an `.asoundrc`).
    ///
    /// Not real-time safe: control thread only.
    ///
    /// - Parameters:
    ///   - sampleRate: the rate wanted; the device may agree to another (`sampleRate` says which).
    ///   - periodFrameCount: frames per transfer at the wanted rate (10 or 20 ms), scaled to the agreed rate.
    ///   - periodCount: periods in the device's buffer.
    /// - Throws: `DeviceError` naming the device, the step and ALSA's error.
    public init(
        name: String, direction: PCMDirection, sampleRate: Int, periodFrameCount: Int, periodCount: Int = 4,
        configuration: String? = nil
    ) throws(DeviceError) {
        self.name = name
        self.direction = direction
        ALSALibrary.silenceLibraryMessages()
        var pcm: OpaquePointer?
        if let configuration {
            pcm = try Self.open(name: name, direction: direction, configuration: configuration)
        } else {
            let code = snd_pcm_open(&pcm, name, direction.stream, 0)
            guard code >= 0 else { throw DeviceError(device: name, operation: "open for \(direction)", code: code) }
        }
        guard let pcm else { throw DeviceError(device: name, operation: "open", reason: "ALSA gave no handle") }
        self.handle = pcm
        do {
            let agreed = try Self.configure(
                pcm, name: name, sampleRate: sampleRate, periodFrameCount: periodFrameCount, periodCount: periodCount)
            self.sampleRate = agreed.rate
            self.periodFrameCount = agreed.period
            self.bufferFrameCount = agreed.buffer
        } catch {
            snd_pcm_close(pcm)
            throw error
        }
    }

    deinit { self.close() }

    /// Closes the device; later transfers fail. Control thread only, once the audio thread has stopped.
    public func close() {
        guard !self.isClosed else { return }
        self.isClosed = true
        snd_pcm_close(self.handle)
    }

    /// Reads one period of `periodFrameCount` frames into `frames`, blocking until they have arrived.
    ///
    /// Real-time safe: no allocation, no locks of Attendant's (ALSA's own device I/O). Audio thread only.
    public func read(into frames: UnsafeMutableBufferPointer<Int16>) -> Transfer {
        self.transfer(frameCount: frames.count) { snd_pcm_readi(self.handle, frames.baseAddress! + $0, $1) }
    }

    /// Writes one period from `frames`, blocking until the device has room for it.
    ///
    /// Real-time safe: no allocation, no locks of Attendant's. Audio thread only.
    public func write(_ frames: UnsafeBufferPointer<Int16>) -> Transfer {
        self.transfer(frameCount: frames.count) { snd_pcm_writei(self.handle, frames.baseAddress! + $0, $1) }
    }

    /// Moves `frameCount` frames with `move(offset, count)` (ALSA's readi or writei from `offset` on), retrying after
    /// each recovered error, until all have moved or an error cannot be recovered.
    ///
    /// Real-time safe: no allocation.
    private func transfer(
        frameCount: Int, _ move: (Int, snd_pcm_uframes_t) -> snd_pcm_sframes_t
    ) -> Transfer {
        if let failure = self.takeInjectedFault() { return failure }
        var done = 0
        while done < frameCount {
            let count = move(done, snd_pcm_uframes_t(frameCount - done))
            if count >= 0 {
                done += Int(count)
            } else if let failure = self.recover(Int32(count)) {
                return failure
            }
        }
        return .done
    }

    /// Recovers from a transfer's error code; `nil` when the transfer can be retried.
    private func recover(_ code: Int32) -> Transfer? {
        if code == -EAGAIN || code == -EINTR { return nil }
        if code == -ENODEV || code == -EBADFD || code == -ENXIO { return .deviceLost(code: code) }
        guard snd_pcm_recover(self.handle, code, 1) >= 0 else { return .failed(code: code) }
        if code == -EPIPE || code == -ESTRPIPE { self.xruns.add(1, ordering: .relaxed) }
        return nil
    }

    /// Makes the device's first transfer come at once: a playback device is prepared and started on its first
    /// write; a capture device is started here. Control thread, before the audio thread takes the device.
    public func start() throws(DeviceError) {
        let prepared = snd_pcm_prepare(self.handle)
        guard prepared >= 0 else { throw DeviceError(device: self.name, operation: "prepare", code: prepared) }
        if self.direction == .capture {
            let started = snd_pcm_start(self.handle)
            guard started >= 0 else { throw DeviceError(device: self.name, operation: "start", code: started) }
        }
    }

    /// Makes the next transfer meet `code` as if ALSA had returned it: `-EPIPE` for an overrun or underrun (then
    /// recovered through `snd_pcm_recover` as a real one is), `-ENODEV` for a device that went away. For the
    /// recovery tests and `attendant run --inject-xrun`. Any thread.
    public func injectFault(_ code: Int32) {
        self.injectedFault.store(code, ordering: .releasing)
    }

    /// The injected fault, once, as the transfer's outcome; `nil` to go on with the transfer.
    private func takeInjectedFault() -> Transfer? {
        guard self.injectedFault.load(ordering: .relaxed) != 0 else { return nil }
        let code = self.injectedFault.exchange(0, ordering: .acquiring)
        guard code != 0 else { return nil }
        return self.recover(code)
    }

    private static func open(
        name: String, direction: PCMDirection, configuration: String
    ) throws(DeviceError) -> OpaquePointer? {
        var top: OpaquePointer?
        var code = snd_config_top(&top)
        guard code >= 0, let top else { throw DeviceError(device: name, operation: "make a configuration", code: code) }
        defer { snd_config_delete(top) }
        var input: OpaquePointer?
        code = configuration.withCString { snd_input_buffer_open(&input, $0, strlen($0)) }
        guard code >= 0, let input else {
            throw DeviceError(device: name, operation: "read its configuration", code: code)
        }
        code = snd_config_load(top, input)
        snd_input_close(input)
        guard code >= 0 else { throw DeviceError(device: name, operation: "parse its configuration", code: code) }
        var pcm: OpaquePointer?
        code = snd_pcm_open_lconf(&pcm, name, direction.stream, 0, top)
        guard code >= 0 else { throw DeviceError(device: name, operation: "open for \(direction)", code: code) }
        return pcm
    }

    private static func configure(
        _ pcm: OpaquePointer, name: String, sampleRate: Int, periodFrameCount: Int, periodCount: Int
    ) throws(DeviceError) -> (rate: Int, period: Int, buffer: Int) {
        var hardware: OpaquePointer?
        var code = snd_pcm_hw_params_malloc(&hardware)
        guard code >= 0, let hardware else {
            throw DeviceError(device: name, operation: "allocate parameters", code: code)
        }
        defer { snd_pcm_hw_params_free(hardware) }
        func check(_ code: Int32, _ operation: String) throws(DeviceError) {
            guard code >= 0 else { throw DeviceError(device: name, operation: operation, code: code) }
        }
        try check(snd_pcm_hw_params_any(pcm, hardware), "read its capabilities")
        try check(
            snd_pcm_hw_params_set_access(pcm, hardware, SND_PCM_ACCESS_RW_INTERLEAVED), "use interleaved access")
        code = snd_pcm_hw_params_set_format(pcm, hardware, SND_PCM_FORMAT_S16_LE)
        guard code >= 0 else {
            throw DeviceError(
                device: name, operation: "use 16-bit little-endian samples",
                reason: "the device does not take them (\(ALSALibrary.message(forErrorCode: code)))")
        }
        code = snd_pcm_hw_params_set_channels(pcm, hardware, 1)
        guard code >= 0 else {
            throw DeviceError(
                device: name, operation: "use one channel",
                reason: "the device does not offer mono (\(ALSALibrary.message(forErrorCode: code)))")
        }
        var rate = UInt32(sampleRate)
        try check(snd_pcm_hw_params_set_rate_near(pcm, hardware, &rate, nil), "set a rate near \(sampleRate) Hz")
        var period = snd_pcm_uframes_t(periodFrameCount * Int(rate) / sampleRate)
        try check(
            snd_pcm_hw_params_set_period_size_near(pcm, hardware, &period, nil), "set a period of \(period) frames")
        var buffer = period * snd_pcm_uframes_t(periodCount)
        try check(snd_pcm_hw_params_set_buffer_size_near(pcm, hardware, &buffer), "set a buffer of \(buffer) frames")
        try check(snd_pcm_hw_params(pcm, hardware), "apply its parameters")
        return (Int(rate), Int(period), Int(buffer))
    }
}

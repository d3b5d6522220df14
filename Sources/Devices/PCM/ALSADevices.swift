import CALSA

/// The PCMs ALSA knows on this machine, as `aplay -L` lists them.
public enum ALSADevices {
    /// One PCM the system's configuration names.
    public struct Device: Hashable, Sendable {
        /// What to pass as `--capture` or `--playback`: `default`, `hw:CARD=PCH,DEV=0`, `null`, ….
        public var name: String
        /// ALSA's description, on one line.
        public var description: String
        /// The directions it offers.
        public var directions: [PCMDirection]
    }

    /// Every PCM hint ALSA gives, in its order.
    ///
    /// Not real-time safe: control thread only.
    public static func list() -> [Device] {
        ALSALibrary.silenceLibraryMessages()
        var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        guard snd_device_name_hint(-1, "pcm", &hints) >= 0, let hints else { return [] }
        defer { snd_device_name_free_hint(hints) }
        var devices: [Device] = []
        var index = 0
        while let hint = hints[index] {
            index += 1
            guard let name = Self.take(snd_device_name_get_hint(hint, "NAME")) else { continue }
            let description = Self.take(snd_device_name_get_hint(hint, "DESC")) ?? ""
            let io = Self.take(snd_device_name_get_hint(hint, "IOID"))
            let directions: [PCMDirection] =
                io == "Input" ? [.capture] : io == "Output" ? [.playback] : [.capture, .playback]
            devices.append(
                Device(
                    name: name,
                    description: description.split(whereSeparator: \.isNewline).joined(separator: " — "),
                    directions: directions))
        }
        return devices
    }

    /// A hint string ALSA allocated, as a Swift string; frees it.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

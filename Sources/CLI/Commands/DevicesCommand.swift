import Devices

/// `attendant devices`: the ALSA PCMs this machine has, for `attendant run --capture/--playback`.
struct DevicesCommand: Command {
    let name = "devices"
    let summary = "List the ALSA devices attendant run can capture from and play to"
    let usage = """
        Usage: attendant devices

        Lists every PCM ALSA's configuration names (as `aplay -L` does): its name, for --capture and --playback, the
        directions it offers, and ALSA's description.
        """

    func run(_ arguments: [String], console: Console) throws -> Int32 {
        let parsed = try ParsedArguments(arguments, flags: [], options: [])
        try parsed.expectPositionalCount(atMost: 0)
        console.print(Self.listing())
        return ExitStatus.success
    }

    /// The device table, one PCM per line.
    static func listing() -> String {
        let devices = ALSADevices.list()
        guard !devices.isEmpty else { return "ALSA names no PCM on this machine." }
        return devices.map { device in
            let directions = device.directions.map(\.rawValue).joined(separator: "+")
            return
                "\(device.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(directions.padding(toLength: 16, withPad: " ", startingAt: 0)) \(device.description)"
        }.joined(separator: "\n")
    }
}

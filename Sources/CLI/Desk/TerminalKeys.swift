#if canImport(Glibc)
    import Glibc
#endif

/// Single key presses from a terminal, without waiting for Return: the terminal in non-canonical mode with echo
/// off for as long as this lives, restored by `restore()`.
///
/// Not real-time safe: the view's thread only.
final class TerminalKeys {
    private var saved = termios()
    private var isRaw = false

    /// Whether standard input and output are both a terminal.
    static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Puts the terminal in single-key mode; `nil` when standard input is not a terminal.
    init?() {
        guard Self.isInteractive, tcgetattr(0, &self.saved) == 0 else { return nil }
        var raw = self.saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        self.isRaw = true
    }

    deinit { self.restore() }

    /// The keys pressed since the last call, at once (none when none were).
    func pressed() -> [Character] {
        var keys: [Character] = []
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1 { keys.append(Character(UnicodeScalar(byte))) }
        return keys
    }

    /// Puts the terminal back as it was.
    func restore() {
        guard self.isRaw else { return }
        self.isRaw = false
        tcsetattr(0, TCSANOW, &self.saved)
    }
}

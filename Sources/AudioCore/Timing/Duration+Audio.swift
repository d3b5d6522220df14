extension Duration {
    /// The duration in seconds, fractions kept.
    ///
    /// Real-time safe: arithmetic only.
    public var secondsValue: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// How many frames the duration lasts at `sampleRate`, rounded to the nearest frame.
    ///
    /// Real-time safe: arithmetic only.
    public func frameCount(sampleRate: Int) -> Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * Int64(sampleRate) + Int64((Double(attoseconds) * 1e-18 * Double(sampleRate)).rounded())
    }
}

/// A short first-in first-out run of samples between a device's periods and the engine's blocks, which differ in
/// length when the rates differ.
///
/// Allocated in `init`; `append` and `take` only copy. One thread.
final class FrameQueue {
    private let storage: UnsafeMutableBufferPointer<Float>
    private(set) var count = 0

    init(capacity: Int) {
        self.storage = .allocate(capacity: capacity)
        self.storage.initialize(repeating: 0)
    }

    deinit { self.storage.deallocate() }

    /// Free room for appending.
    var room: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: self.storage[self.count...])
    }

    /// Counts `frameCount` frames written into `room` as queued.
    func commit(_ frameCount: Int) { self.count += min(frameCount, self.storage.count - self.count) }

    /// Appends what fits of `frames`.
    func append(_ frames: UnsafeBufferPointer<Float>) {
        let fitting = min(frames.count, self.storage.count - self.count)
        for index in 0..<fitting { self.storage[self.count + index] = frames[index] }
        self.count += fitting
    }

    /// Moves the oldest `destination.count` frames into `destination`; there must be that many.
    func take(into destination: UnsafeMutableBufferPointer<Float>) {
        let taken = destination.count
        for index in 0..<taken { destination[index] = self.storage[index] }
        for index in 0..<(self.count - taken) { self.storage[index] = self.storage[taken + index] }
        self.count -= taken
    }
}

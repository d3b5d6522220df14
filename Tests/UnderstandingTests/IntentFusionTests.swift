import Testing

@testable import Understanding

@Suite("Intent fusion of the recognizer's text and the request head")
struct IntentFusionTests {
    let fusion = IntentFusion(threshold: 0.6)

    @Test("An accepted hypothesis that names a request stands, however sure the head")
    func acceptedStands() {
        let fused = self.fusion.fuse(recognized: .book, isRejected: false, spotted: .hours, probability: 0.99)
        #expect(fused.intent == .book && fused.source == .recognizer)
    }

    @Test("A rejected hypothesis, or one that names nothing, gives way to a head at its threshold")
    func headFillsIn() {
        #expect(self.fusion.fuse(recognized: .book, isRejected: true, spotted: .hours, probability: 0.6) == (.hours, .spotter))
        #expect(self.fusion.fuse(recognized: .other, isRejected: false, spotted: .cancel, probability: 0.7) == (.cancel, .spotter))
    }

    @Test("Below the threshold, or with no reading, the recognizer's intent stands")
    func unsureHead() {
        #expect(self.fusion.fuse(recognized: .other, isRejected: true, spotted: .hours, probability: 0.59) == (.other, .recognizer))
        #expect(self.fusion.fuse(recognized: .book, isRejected: true, spotted: nil, probability: 0) == (.book, .recognizer))
    }

    @Test("An emergency is never overruled, and an override threshold lets a sure head overrule an accepted reading")
    func emergencyAndOverride() {
        let overriding = IntentFusion(threshold: 0.6, overrideThreshold: 0.95)
        #expect(overriding.fuse(recognized: .emergency, isRejected: true, spotted: .book, probability: 1) == (.emergency, .recognizer))
        #expect(overriding.fuse(recognized: .book, isRejected: false, spotted: .hours, probability: 0.96) == (.hours, .spotter))
        #expect(overriding.fuse(recognized: .book, isRejected: false, spotted: .hours, probability: 0.94) == (.book, .recognizer))
    }
}

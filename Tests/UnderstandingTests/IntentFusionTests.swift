import Testing

@testable import Understanding

@Suite("Intent fusion of the recognizer's text and the request head")
struct IntentFusionTests {
    let fusion = IntentFusion(threshold: 0.6)

    @Test("An accepted hypothesis stands, however sure the head, and so does a rejected one that asks for something")
    func usableStands() {
        #expect(
            self.fusion.fuse(recognized: .book, isRequest: true, isRejected: false, spotted: .hours, probability: 0.99)
                == (.book, .recognizer))
        #expect(
            self.fusion.fuse(recognized: .other, isRequest: false, isRejected: false, spotted: .hours, probability: 1)
                == (.other, .recognizer))
        #expect(
            self.fusion.fuse(recognized: .other, isRequest: true, isRejected: true, spotted: .hours, probability: 1)
                == (.other, .recognizer))
    }

    @Test("A rejected hypothesis that asks for nothing gives way to a head at its threshold, and not below it")
    func headFillsIn() {
        #expect(
            self.fusion.fuse(recognized: .other, isRequest: false, isRejected: true, spotted: .hours, probability: 0.6)
                == (.hours, .spotter))
        #expect(
            self.fusion.fuse(recognized: .other, isRequest: false, isRejected: true, spotted: .hours, probability: 0.59)
                == (.other, .recognizer))
        #expect(
            self.fusion.fuse(recognized: .other, isRequest: false, isRejected: true, spotted: nil, probability: 0)
                == (.other, .recognizer))
    }

    @Test("With fillsInForAcceptedOther, an accepted hypothesis that asks for nothing gives way too")
    func acceptedOther() {
        let filling = IntentFusion(threshold: 0.6, fillsInForAcceptedOther: true)
        #expect(
            filling.fuse(recognized: .other, isRequest: false, isRejected: false, spotted: .cancel, probability: 0.7)
                == (.cancel, .spotter))
        #expect(
            filling.fuse(recognized: .other, isRequest: true, isRejected: false, spotted: .cancel, probability: 0.7)
                == (.other, .recognizer))
    }

    @Test("The head's classes: a family stands for its intent, a request the dialogue answers stands for other")
    func headClasses() {
        for intent in [Intent.book, .cancel, .reschedule, .prescription, .results, .hours, .address, .human] {
            #expect(IntentFusion.intent(ofHeadClass: intent.rawValue) == intent)
        }
        #expect(IntentFusion.answeredRequestClasses == ["doctors", "message", "billing", "forms"])
        for name in IntentFusion.answeredRequestClasses {
            #expect(IntentFusion.intent(ofHeadClass: name) == .other, "\(name)")
        }
        for name in ["other", "emergency", "weather"] {
            #expect(IntentFusion.intent(ofHeadClass: name) == nil, "\(name)")
        }
    }

    /// "Which doctors work there" is `other` asking for nothing, and the dialogue lists the doctors; a head that
    /// heard the doctors list or a message must leave it so, even with fusion+ and a sure head.
    @Test("A head that heard an answered request never fills in, with or without fillsInForAcceptedOther")
    func answeredRequestStands() throws {
        let filling = IntentFusion(threshold: 0.6, fillsInForAcceptedOther: true)
        for name in ["doctors", "message", "billing", "forms"] {
            let spotted = try #require(IntentFusion.intent(ofHeadClass: name))
            for fusion in [self.fusion, filling] {
                #expect(
                    fusion.fuse(
                        recognized: .other, isRequest: false, isRejected: false, spotted: spotted, probability: 0.99)
                        == (.other, .recognizer))
                #expect(
                    fusion.fuse(
                        recognized: .other, isRequest: false, isRejected: true, spotted: spotted, probability: 0.99)
                        == (.other, .recognizer))
            }
        }
    }

    @Test("An emergency is never overruled, and an override threshold lets a sure head overrule an accepted reading")
    func emergencyAndOverride() {
        let overriding = IntentFusion(threshold: 0.6, overrideThreshold: 0.95)
        #expect(
            overriding.fuse(recognized: .emergency, isRequest: true, isRejected: true, spotted: .book, probability: 1)
                == (.emergency, .recognizer))
        #expect(
            overriding.fuse(recognized: .book, isRequest: true, isRejected: false, spotted: .hours, probability: 0.96)
                == (.hours, .spotter))
        #expect(
            overriding.fuse(recognized: .book, isRequest: true, isRejected: false, spotted: .hours, probability: 0.94)
                == (.book, .recognizer))
    }
}

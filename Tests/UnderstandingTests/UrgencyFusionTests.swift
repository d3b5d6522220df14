import Testing

@testable import Understanding

/// Fusing the text rules' findings with the spotter's firings into one urgency answer.
@Suite("Urgency fusion")
struct UrgencyFusionTests {
    @Test("Either detector flags the call; the confidence is the chance one of them is right; the first time wins")
    func fusion() throws {
        var fusion = UrgencyFusion()
        #expect(!fusion.isUrgent && fusion.confidence == 0 && fusion.flaggedAtSeconds == nil && fusion.finding == nil)

        fusion.add(UrgencyFusion.Signal(source: .spotter, seconds: 1.9, confidence: 0.8))
        #expect(fusion.isUrgent && abs(fusion.confidence - 0.8) < 1e-12 && fusion.finding == nil)

        let finding = try #require(UrgencyDetector().detect("my husband can't breathe"))
        fusion.add(UrgencyFusion.Signal(source: .text(finding), seconds: 2.4, confidence: 0.5))
        // 1 − (1 − 0.8)(1 − 0.5) = 0.9.
        #expect(abs(fusion.confidence - 0.9) < 1e-12)
        #expect(fusion.flaggedAtSeconds == 1.9)
        #expect(fusion.finding?.category == .breathing)

        // Confidences are clamped to 0…1, so a bad input cannot make the answer negative or above 1.
        fusion.add(UrgencyFusion.Signal(source: .spotter, seconds: 3, confidence: 7))
        #expect(fusion.confidence == 1)
        #expect(UrgencyFusion.Signal(source: .spotter, seconds: 0, confidence: -2).confidence == 0)
    }
}

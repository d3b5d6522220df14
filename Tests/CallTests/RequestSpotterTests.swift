import Spotting
import Testing
import Understanding

@testable import Call

/// The request head as a call uses it: its classes against the fusion's, and the call's rule.
@Suite("Request head in calls")
struct RequestSpotterTests {
    /// A class the fusion does not know would be dropped in a call without a word: `RequestSpotter.reading` would
    /// have no intent for it.
    @Test("Every class of the shipped head after 'other' is a family or a request the dialogue answers")
    func classesKnown() throws {
        let head = try #require(RequestSpotter.head)
        #expect(head.classes.first == "other")
        for name in head.classes.dropFirst() {
            #expect(IntentFusion.intent(ofHeadClass: name) != nil, "\(name)")
        }
        let answered = head.classes.filter { IntentFusion.intent(ofHeadClass: $0) == .other }
        #expect(Set(answered) == IntentFusion.answeredRequestClasses)
    }

    /// Replayed, filling in for accepted openings too passed one more of the 63 scenarios and lost none, once the
    /// head named the doctors list, a message, a bill and a form (README, "The request head").
    @Test("A call fills in for a rejected or an accepted opening that asks for nothing, at the head's threshold")
    func callRule() throws {
        let head = try #require(RequestSpotter.head)
        #expect(RequestSpotter.fusion.fillsInForAcceptedOther)
        #expect(RequestSpotter.fusion.overrideThreshold == nil)
        #expect(RequestSpotter.fusion.threshold == head.threshold)
        #expect(ReplayConfiguration().isFillingInAcceptedRequests)
    }
}

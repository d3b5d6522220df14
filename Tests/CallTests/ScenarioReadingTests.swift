import Dialogue
import Foundation
import Testing

@testable import Call

@Suite struct ScenarioReadingTests {
    @Test func placeholder() {}
}

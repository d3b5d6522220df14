import Testing
@testable import CLI

@Test func placeholderCLI() { #expect(Bool(true)) }

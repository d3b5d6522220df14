import Testing

@testable import Codecs

@Test func placeholderCodecs() { #expect(Bool(true)) }

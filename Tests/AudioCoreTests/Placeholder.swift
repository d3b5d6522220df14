import Testing

@testable import AudioCore

@Test func placeholderAudioCore() { #expect(Bool(true)) }

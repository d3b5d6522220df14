import Testing

@testable import CLI

@Suite("Argument parsing")
struct ParsedArgumentsTests {
    @Test("positionals, flags and both option spellings are separated")
    func separatesKinds() throws {
        let parsed = try ParsedArguments(
            ["in.wav", "--json", "--rate", "8000", "--codec=pcmu", "out.wav"], flags: ["json"],
            options: ["rate", "codec"])
        #expect(parsed.positionals == ["in.wav", "out.wav"])
        #expect(parsed.has("json"))
        #expect(parsed.options == ["rate": "8000", "codec": "pcmu"])
    }

    @Test("-- ends options so a file may start with dashes")
    func doubleDashEndsOptions() throws {
        let parsed = try ParsedArguments(["--", "--json"], flags: ["json"], options: [])
        #expect(parsed.positionals == ["--json"])
        #expect(!parsed.has("json"))
    }

    @Test(
        "wrong option use is a usage error naming the option",
        arguments: [
            (["--nope"], "unknown option --nope"),
            (["--rate"], "--rate needs a value"),
            (["--json=yes"], "--json takes no value"),
        ])
    func rejectsWrongOptions(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) {
            try ParsedArguments(arguments, flags: ["json"], options: ["rate"])
        }
    }

    @Test("integer options are range-checked")
    func integerRange() throws {
        let parsed = try ParsedArguments(["--rate", "123456789"], flags: [], options: ["rate"])
        #expect(throws: UsageError.self) { try parsed.integer("rate", in: 1...384_000) }
        let good = try ParsedArguments(["--rate", "8000"], flags: [], options: ["rate"])
        #expect(try good.integer("rate", in: 1...384_000) == 8000)
        #expect(try good.integer("missing", in: 1...2) == nil)
    }

    @Test("choices name the accepted values")
    func choices() throws {
        let parsed = try ParsedArguments(["--codec", "mp3"], flags: [], options: ["codec"])
        #expect(throws: UsageError("--codec must be one of pcmu, pcma, not 'mp3'")) {
            try parsed.choice("codec", from: ["pcmu", "pcma"])
        }
    }

    @Test("missing and extra positionals are usage errors")
    func positionalCounts() throws {
        let parsed = try ParsedArguments(["a", "b"], flags: [], options: [])
        #expect(try parsed.positional(1, named: "output") == "b")
        #expect(throws: UsageError("missing <third>")) { try parsed.positional(2, named: "third") }
        #expect(throws: UsageError("unexpected argument 'b'")) { try parsed.expectPositionalCount(atMost: 1) }
    }
}

/// A command's arguments split into positionals, flags and valued options.
///
/// The grammar is deliberately small: `--name value`, `--name=value`, `--flag`, and `--` ending options. A
/// command declares which names it knows, so a typo is a usage error rather than a silently ignored word.
public struct ParsedArguments: Sendable, Equatable {
    /// Arguments that are not options, in order.
    public var positionals: [String] = []

    /// Flags that were given, for example `json` for `--json`.
    public var flags: Set<String> = []

    /// Valued options by name, for example `["rate": "8000"]` for `--rate 8000`.
    public var options: [String: String] = [:]

    /// Parses `arguments` against the flags and options a command declares.
    ///
    /// - Throws: `UsageError` for an unknown option, a flag given a value, or an option missing its value.
    public init(_ arguments: [String], flags knownFlags: Set<String>, options knownOptions: Set<String>) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--" {
                self.positionals.append(contentsOf: remaining)
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                self.positionals.append(argument)
                continue
            }

            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }

            if knownFlags.contains(name) {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                self.flags.insert(name)
            } else if knownOptions.contains(name) {
                guard let value = inlineValue ?? remaining.popFirst() else {
                    throw UsageError("--\(name) needs a value")
                }
                self.options[name] = value
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    /// Whether `--name` was given.
    public func has(_ name: String) -> Bool { self.flags.contains(name) }

    /// The positional at `index`, or a usage error naming what is missing.
    public func positional(_ index: Int, named name: String) throws -> String {
        guard index < self.positionals.count else { throw UsageError("missing <\(name)>") }
        return self.positionals[index]
    }

    /// Fails when more than `count` positionals were given.
    public func expectPositionalCount(atMost count: Int) throws {
        guard self.positionals.count <= count else {
            throw UsageError("unexpected argument '\(self.positionals[count])'")
        }
    }

    /// An integer option, or `nil` when absent.
    ///
    /// - Throws: `UsageError` when the value is not a whole number within `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = self.options[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(
                "--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// An option whose value must be one of `choices`, or `nil` when absent.
    public func choice(_ name: String, from choices: [String]) throws -> String? {
        guard let value = self.options[name] else { return nil }
        guard choices.contains(value) else {
            throw UsageError("--\(name) must be one of \(choices.joined(separator: ", ")), not '\(value)'")
        }
        return value
    }
}

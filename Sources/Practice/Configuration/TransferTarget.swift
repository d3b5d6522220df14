/// Someone at the practice a call can be handed to, for example reception.
public struct TransferTarget: Sendable, Equatable {
    /// Who it is, as the agent and the logs name it (`Reception`); unique within a practice, ignoring case.
    public let name: String

    /// A phone number or an internal extension (`201`, `+1 555-010-0100`): digits with `+`, `-`, `(`, `)`, `.`
    /// and spaces.
    public let number: String
}

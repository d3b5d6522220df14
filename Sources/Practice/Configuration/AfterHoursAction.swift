/// What the agent does with a call when the practice is closed.
///
/// In the configuration, `afterHours` is `"takeMessage"`, `"emergencyInstructionsThenMessage"`, or an object
/// `{"action": "transfer", "target": NAME}` where NAME is one of `transferTargets`. Left out, it is
/// `emergencyInstructionsThenMessage`.
public enum AfterHoursAction: Sendable, Equatable {
    /// Take a message for the staff to return.
    case takeMessage

    /// Hand the call to the named transfer target (an on-call service, for example).
    case transfer(target: String)

    /// Say to call the emergency number if it is an emergency, then take a message.
    case emergencyInstructionsThenMessage

    /// The names the configuration accepts for `afterHours` or its `action`.
    public static let names = ["takeMessage", "transfer", "emergencyInstructionsThenMessage"]

    /// The configuration's name for the action.
    public var name: String {
        switch self {
        case .takeMessage: "takeMessage"
        case .transfer: "transfer"
        case .emergencyInstructionsThenMessage: "emergencyInstructionsThenMessage"
        }
    }
}

import Practice

/// A call while the practice is closed: closed, when it opens, then what `practice.afterHours` says.
extension DialogueController {
    /// The target an after-hours configuration transfers to, when it names one the practice has.
    var afterHoursTarget: TransferTarget? {
        guard case .transfer(let name) = self.practice.afterHours else { return nil }
        return self.practice.transferTarget(named: name)
    }

    /// Say the practice is closed and when it opens; then take a message (after the emergency instruction when so
    /// configured), or transfer to the configured target. A transfer target the practice does not have falls back
    /// to the emergency instruction and a message.
    mutating func startAfterHours() -> [DialogueAction] {
        self.isAfterHours = true
        let closed = self.prompts.closedGreeting(now: self.callStart)
        if let target = self.afterHoursTarget {
            self.stage = .ended
            self.isSpeaking = true
            self.progress.done.insert(.transferred)
            return [
                .speak(closed), .speak(self.prompts.afterHoursTransfer(target)),
                .transfer(target: target, reason: .afterHours),
            ]
        }

        switch self.practice.afterHours {
        case .takeMessage:
            return self.takeMessage(.general, after: [closed])
        case .transfer, .emergencyInstructionsThenMessage:
            return self.takeMessage(.general, after: [closed, self.prompts.safetyInstruction])
        }
    }
}

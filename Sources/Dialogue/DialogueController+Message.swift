/// The callback number asked for before a message when the network gave no caller number.
extension DialogueController {
    /// Digits said for a number: 7 to 15 of them.
    static let callbackDigitCounts = 7...15

    mutating func answerCallbackNumber(_ turn: TurnResult) -> [DialogueAction] {
        guard let number = turn.slots.phoneNumber, Self.callbackDigitCounts.contains(number.count) else {
            return self.fail(.callbackNumber)
        }
        return self.tookCallbackNumber(number)
    }

    mutating func keyedCallbackNumber(_ digits: String) -> [DialogueAction] {
        guard Self.callbackDigitCounts.contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return self.fail(.callbackNumber)
        }
        return self.tookCallbackNumber(digits)
    }

    mutating func tookCallbackNumber(_ number: String) -> [DialogueAction] {
        self.callbackNumber = number
        guard case .message(let topic) = self.errand else { return self.ask(.request, self.prompts.whatElse) }
        return self.takeMessage(topic)
    }
}

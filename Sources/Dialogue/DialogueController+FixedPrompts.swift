import Understanding

extension DialogueController {
    /// Every prompt whose text depends only on the practice, so speech output can synthesize them all before the
    /// first call instead of while a caller waits.
    ///
    /// Not real-time safe: allocates.
    public var fixedPrompts: [Prompt] {
        let prompts = self.prompts
        var list = [
            prompts.greeting, prompts.safetyInstruction, prompts.urgentTransfer, prompts.transferring,
            prompts.askDoctor, prompts.askTime, prompts.checking, prompts.noSlot, prompts.slotTaken,
            prompts.anythingElse, prompts.whatElse, prompts.goodbye, prompts.silenceGoodbye, prompts.messageThanks,
            prompts.address, prompts.doctors, prompts.askName, prompts.askDateOfBirth, prompts.askCallbackNumber,
            prompts.noAppointments, prompts.nothingChanged, prompts.notBooked, prompts.askNewTime, prompts.tryAgain,
        ]
        let topics: [MessageTopic] = [.prescription, .results, .cancel, .reschedule, .general]
        list += topics.map(prompts.message)
        for topic in topics {
            for (isIdentified, isAfterHours) in [(false, false), (true, false), (false, true), (true, true)] {
                list.append(prompts.message(topic, isIdentified: isIdentified, isAfterHours: isAfterHours))
            }
        }
        list += self.practice.transferTargets.map(prompts.afterHoursTransfer)
        list += [ListenContext.dateOfBirth, .digits, .yesNo].flatMap {
            [prompts.keypadEntry($0), prompts.stillThereForKeypad($0)]
        }
        for context in ListenContext.allCases {
            list += [prompts.reprompt(context, failureCount: 1), prompts.reprompt(context, failureCount: 2)]
            list.append(prompts.stillThere(context))
        }
        list += Intent.allCases.filter { $0 != .emergency }.map(prompts.heardIntent)
        var seen = Set<String>()
        return list.filter { $0.isFixed && seen.insert($0.key + "\u{0}" + $0.text).inserted }
    }
}

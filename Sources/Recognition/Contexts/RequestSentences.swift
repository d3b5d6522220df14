/// Requests the dialogue handles that the intent sentences lack, which the `intent` context also hears: asking
/// which doctors the practice has, and asking to leave a message or about something the practice takes a
/// message for (a bill, a form, a letter).
///
/// The tuning set the intent sentences come from is labelled by intent, and neither kind is an intent of its own
/// (the first is `other` with the word "doctors", the second an `other` request), so it holds few of them. These
/// were written for the dialogue's flows after the scenarios showed both kinds misheard ("i'd like to leave a
/// message" came out "i'd like to wake um"); they are not the scenarios' sentences, though the commonest phrasings
/// are bound to be in both.
enum RequestSentences {
    static let written: [String] = [
        "which doctors do you have", "which doctors work there", "which doctors work at the practice",
        "who are your doctors", "who are the doctors", "what doctors do you have", "how many doctors do you have",
        "can you tell me which doctors are there", "what are the names of the doctors",
        "is there a woman doctor", "do you have any female doctors", "which doctor should I see",
        "I'd like to leave a message", "can I leave a message for the doctor",
        "I want to leave a message for the nurse",
        "could you take a message", "can you pass on a message to doctor Lee",
        "I'd like to leave a message for my doctor",
        "I have a question about my bill", "I have a question about a bill I got", "I think I was charged twice",
        "I need a form filled in", "I need a letter from the doctor", "I need a sick note for work",
        "I have a question about my insurance", "can I get a copy of my records", "I need a referral letter",
        "I'm calling about a payment",
    ]
}

/// Answers to "is there anything else I can help you with?", which the `intent` context also hears.
///
/// The tuning set the intent sentences come from has opening requests and few ways of saying "no, that's all",
/// so the context's language model is given these plain closings (and openers of a second request) as well.
enum ClosingSentences {
    static let written: [String] = [
        "no", "no thanks", "no thank you", "no thank you that's all", "no thanks that's all", "no that's all",
        "no that's all thank you", "that's all", "that's all thanks", "that's all thank you", "that's everything",
        "no that's everything thank you", "no that's it", "that's it thank you", "nothing else", "nothing else thanks",
        "no nothing else thank you", "no I'm fine thank you", "no I'm good thanks", "no goodbye", "no thanks bye",
        "thank you goodbye", "goodbye", "bye", "yes", "yes please", "yes one more thing", "yes I have another question",
        "actually yes", "yeah there is one more thing",
    ]
}

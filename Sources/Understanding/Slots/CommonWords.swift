/// Ordinary English words that are not names, so that `this is about my results` or `I'm having a bad day` do
/// not give a patient name. Normalized like `TokenizedText` (no apostrophes).
enum CommonWords {
    static let all: Set<String> = [
        "a", "about", "actually", "afraid", "again", "ah", "all", "also", "am", "an", "and", "any", "anyone", "are",
        "as", "asking", "at", "available", "back", "bad", "be", "because", "been", "better", "busy", "but", "by",
        "call", "calling", "can", "cancel", "checking", "concerned", "could", "dr", "doctor", "doing", "done", "down",
        "emergency", "feeling", "fine", "for", "from", "going", "good", "got", "great", "had", "happy", "has", "have",
        "having", "he", "hello", "her", "here", "hes", "hi", "him", "his", "hoping", "how", "i", "id", "if", "ill",
        "im", "in", "interested", "is", "it", "its", "ive", "just", "kind", "know", "like", "looking", "me", "mine",
        "my", "myself", "need", "needing", "new", "no", "not", "now", "of", "okay", "ok", "on", "one", "only", "or",
        "our", "out", "patient", "phoning", "please", "pretty", "quick", "quite", "ready", "really", "regarding",
        "right", "ringing", "running", "she", "shes", "sick", "so", "someone", "something", "sorry", "speaking",
        "still", "sure", "terrible", "thank", "thanks", "that", "thats", "the", "their", "them", "then", "there",
        "they", "this", "tired", "to", "today", "tomorrow", "trying", "unwell", "up", "urgent", "us", "very", "was",
        "we", "well", "were", "what", "when", "where", "who", "why", "will", "with", "wondering", "worried", "would",
        "yeah", "yes", "you", "your", "mom", "mum", "dad", "son", "daughter", "wife", "husband", "calling", "wanted",
        "want", "wants", "needs", "gonna", "gotta", "able", "booked", "scheduled", "appointment", "about", "over",
        "the", "last", "next", "week", "month", "morning", "afternoon", "evening", "tonight", "early", "late",
        "later", "soon", "free", "open", "closed", "there", "hoping", "having", "getting", "calling", "ringing",
        "nurse", "receptionist", "office", "clinic", "practice", "surgery", "results", "prescription", "refill",
        "pain", "chest", "breathing", "fever", "bleeding", "worse", "help", "helpful", "alright", "correct", "wrong",
        "thursday", "monday", "tuesday", "wednesday", "friday", "saturday", "sunday", "hurt", "hurting", "hurts",
        "done", "real", "person", "human", "robot",
    ]
}

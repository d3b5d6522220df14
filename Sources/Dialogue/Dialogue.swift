/// The dialogue controller: a value-type state machine per call. Built by the whole-call issue.
public enum DialogueModule {}

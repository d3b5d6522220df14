"""The spotter's yes/no head: is a short answer a yes, a no, or neither?

Three classes, `yes`, `no` and `other`. The training phrases are everyday yeses and noes, and for `other` the
answers a caller gives to the agent's other questions (names, days and times, dates of birth, digits), requests,
and the things people say when they did not follow ("sorry, what was that?"). Every phrase is spoken by the
tuning voices of train.py (espeak-ng variants with accents, flite kal, kal16, rms, slt), once clean and through
train.py's augmentation (speed, reverb, band, level, 8 kHz, real noise at 5-30 dB). Held out: flite awb and
espeak-ng m3/f4 (never trained on) speaking both the training phrases and phrasings kept out of training
(HELDOUT_*), clean and augmented.

The phrases were written for this head; the scenario recordings were not read to write them, but the common
answers ("yes please", "no thank you") are of course in both.
"""

import os

import numpy as np

import train

YES = [
    "yes", "yeah", "yep", "yes please", "that's right", "correct", "sure", "okay", "that's fine",
    "yes that's right", "yes it is", "yeah that's fine", "uh yes", "yes thank you", "that's correct",
    "absolutely", "of course", "sounds good", "perfect", "yes that works", "please do", "go ahead", "yes go ahead",
    "yeah sure", "mm yes", "right", "exactly", "yes definitely", "okay great", "that would be great",
]
NO = [
    "no", "nope", "no thanks", "no thank you", "that's wrong", "not really", "no that's not right", "uh no",
    "no it isn't", "that's not right", "no sorry", "not that one", "no that doesn't work", "wrong", "no no",
    "no that's it", "nah", "no i'm good", "no that won't work", "i don't think so", "no it's not",
    "not at all", "no that's all", "definitely not", "no not that",
]
OTHER = [
    "maria lopez", "my name is john smith", "it's sarah", "doctor patel", "doctor grant please", "any doctor",
    "tuesday morning", "next monday", "friday afternoon", "tomorrow at ten", "the fifteenth at three thirty",
    "as soon as possible", "sometime next week", "march ninth nineteen eighty four", "the fourth of july",
    "five five five zero one two three", "two four six", "oh three oh four", "i'd like to make an appointment",
    "i need a refill", "what are your hours", "where are you located", "can i speak to someone",
    "sorry what was that", "can you repeat that", "hang on a second", "i'm not sure", "maybe", "hello",
    "um", "hmm", "just a moment", "what time is it", "i need to cancel", "my chest hurts", "thank you",
    "could you say that again", "let me check", "the blue inhaler", "my test results", "i don't know",
    "what was the date", "one moment please", "hold on", "wednesday", "in the evening", "eleven thirty",
]
HELDOUT_YES = ["yes that's fine", "yeah that's right", "yes correct", "sure thing", "yes that's perfect"]
HELDOUT_NO = ["no that's wrong", "no not really", "no that's not it", "nope not that", "no thanks that's all"]
HELDOUT_OTHER = [
    "james carter", "thursday at two", "saturday morning", "doctor lee", "november twenty second",
    "can i book a checkup", "pardon", "what did you say", "eight one two", "later this week",
]
CLASSES = ["yes", "no", "other"]


def examples(embedder, noises, voices, phrases, seed, voices_per_phrase, augmented_copies):
    """(embeddings, ends, speech start, speech end) and the class index for each phrase x voice x copy."""
    items = [(text, label) for label, texts in enumerate(phrases) for text in texts]
    return train.labelled_examples(embedder, noises, voices, items, seed, voices_per_phrase, augmented_copies)


def accuracy_table(head, sets, pooling):
    """Accuracy per named set and per class."""
    lines = []
    for name, (found, labels) in sets.items():
        if pooling == "windows":
            predicted = train.predict_windows(head, found)
        else:
            predicted = train.predict(head, train.pool_all(found))
        per_class = [
            f"{CLASSES[c]} {int((predicted[labels == c] == c).sum())}/{int((labels == c).sum())}"
            for c in range(len(CLASSES))
        ]
        lines.append(f"{name}: {float((predicted == labels).mean()):.3f} ({', '.join(per_class)})")
    return lines


def train_head(arguments, embedder, noises):
    rng = np.random.default_rng(20261204)
    voices = train.tune_voices(rng, per_variant=1)
    if arguments.cache and os.path.exists(arguments.cache):
        import pickle

        with open(arguments.cache, "rb") as source:
            training, training_labels, seen, unseen = pickle.load(source)
    else:
        training, training_labels = examples(
            embedder, noises, voices, [YES, NO, OTHER], 11, voices_per_phrase=24, augmented_copies=3
        )
        heldout = train.heldout_voices()
        seen = examples(embedder, noises, heldout, [YES, NO, OTHER], 12, voices_per_phrase=2, augmented_copies=1)
        unseen = examples(
            embedder, noises, heldout, [HELDOUT_YES, HELDOUT_NO, HELDOUT_OTHER], 13, voices_per_phrase=6,
            augmented_copies=1,
        )
        if arguments.cache:
            import pickle

            with open(arguments.cache, "wb") as sink:
                pickle.dump((training, training_labels, seen, unseen), sink)
    pooling = arguments.pooling
    if pooling == "windows":
        rows, row_labels = train.window_rows(training, training_labels)
        head = train.fit_logistic(rows, row_labels, len(CLASSES), l2=arguments.l2)
    else:
        head = train.fit_logistic(train.pool_all(training), training_labels, len(CLASSES), l2=arguments.l2)
    sets = {"held-out voices, training phrases": seen, "held-out voices and phrases": unseen}
    lines = accuracy_table(head, sets, pooling)
    for line in lines:
        print("yesno:", line)
    provenance = {
        "tool": "tools/train-spotter-heads yesno",
        "voices": len(voices),
        "examples": int(len(training_labels)),
        "l2": arguments.l2,
        "heldoutVoices": "flite awb, espeak-ng m3 and f4 (never trained on)",
        "heldout": lines,
    }
    train.write_head(os.path.join(train.HEADS_DIR, "yesno.json"), "yesno", CLASSES, head, provenance, pooling=pooling)

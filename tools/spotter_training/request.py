"""The spotter's streaming request-keyword head (run through tools/train-spotter-heads request).

Recognizing the caller's opening request is where whole calls fail: in noise the pocketsphinx `intent` language
model hears garbage, and the understanding layer reads nothing from it. This head listens for the words and short
phrases that carry a request (keyword families, one per intent of Sources/Understanding's `Intent` that the
opening asks about) straight from the speech embeddings, as the urgent head does for emergencies: the latest
CONTEXT_WINDOWS windows side by side, HIDDEN rectified units, a softmax over `other` and the families. A turn's
score for a family is the highest probability any of its windows gives that family (Sources/Spotting's
`RequestSpotting`), and `IntentFusion` (Sources/Understanding) decides between it and the recognizer's text.

Families (the classes after `other`, named as `Intent`'s cases): FAMILIES below, each a list of core phrases.

Training data, all synthetic, from the tuning voices only (flite awb and espeak-ng m3/f4 are never used):
  positives   every core phrase of FAMILIES, spoken by DRAWS_PER_PHRASE voices after a carrier prefix (one
              synthesis, so the words run on) and sometimes followed by a carrier suffix; and the caller sentences of
              the understanding layer's tuning set and of its TUNING templates (tools/make-understanding-set, another
              seed) whose intent is a family, with the keyword found by the family's KEYWORDS pattern: the sentence up
              to the keyword's end is synthesized alone to find where the keyword ends in the whole sentence. A window
              is a positive from 0.1 s before the keyword ends to 0.5 s after (urgent.py's
              `window_labels`), `other` before the keyword has been
              under way 0.25 s, and left out in between and after;
  negatives   the windows before each keyword, every window of the tuning set's and the templates' sentences
              whose intent is `other` or `emergency`, and of paragraphs of English prose from Debian's `fortunes`
              (urgent.py's training passages). The families are each other's negatives through the softmax.
Every utterance is spoken clean once and once augmented (urgent.py's `versions`: speed, room, band, level, the 8
kHz band for every other copy, real noise at 0-30 dB).

A sixth of the tuning voices are kept out of the fit as development voices. On their utterances the tool prints
the turn-level accuracy of the head alone (the family with the highest turn score, or `other` below a threshold)
over a grid of thresholds and writes the best as the head's `threshold` (what `IntentFusion` needs before the head
may speak). The held-out report is `attendant eval request` on the held-out voices (README).

Deterministic for the same inputs: every choice is seeded and the fit runs in a fixed order.
"""

import os
import re

import numpy as np

import train as base
import urgent

CONTEXT_WINDOWS = 16
HIDDEN = 128
EPOCHS = 8
DRAWS_PER_PHRASE = 16

# Core phrases per family: the words the understanding layer's intent table (IntentClassifier+Table.swift) weighs
# most, in the forms callers say them.
FAMILIES = {
    "book": [
        "book an appointment", "make an appointment", "an appointment", "schedule an appointment",
        "see the doctor", "see a doctor", "a checkup", "book in", "get in with the doctor", "come in and be seen",
        "any openings", "a new patient appointment", "a physical",
    ],
    "cancel": [
        "cancel", "cancel my appointment", "cancel the appointment", "i can't make it", "won't be able to come",
        "call off my appointment", "not going to make it", "a cancellation", "don't need the appointment anymore",
    ],
    "reschedule": [
        "reschedule", "reschedule my appointment", "move my appointment", "change my appointment",
        "push my appointment back", "a different day", "another time", "rebook", "postpone", "change the time",
    ],
    "prescription": [
        "prescription", "a refill", "refill my prescription", "my medication", "renew my prescription",
        "a repeat prescription", "running out of my pills", "my inhaler", "medicine", "the pharmacy",
    ],
    "results": [
        "results", "my test results", "blood work", "my blood test results", "lab results", "my x ray",
        "my scan results", "did my tests come back", "the biopsy results",
    ],
    "hours": [
        "opening hours", "what time do you open", "what time do you close", "are you open", "your hours",
        "how late are you open", "when do you close", "open on saturday", "closing time",
    ],
    "address": [
        "your address", "where are you", "where are you located", "directions", "how do i get there",
        "where is the clinic", "parking", "which street", "your location",
    ],
    "human": [
        "receptionist", "speak to someone", "talk to a person", "a real person", "speak to a human",
        "put me through", "the front desk", "an operator", "talk to somebody", "transfer me",
    ],
}
CLASSES = ["other"] + list(FAMILIES)

# Where a family's keyword is in a labelled sentence: the first match of its own intent's pattern.
KEYWORDS = {
    "book": r"appointment|book\w*|schedul\w*|check ?up|physical|see (?:the |a )?(?:doctor|dr|nurse)|get in\b|"
    r"come\b|be seen|openings|availab\w*|visit|need to see",
    "cancel": r"cancel\w*|can'?t make it|won'?t|not (?:going to|gonna) (?:be able to )?make|call\w* off",
    "reschedule": r"reschedul\w*|rebook\w*|move|change|push|postpone|different (?:day|time)|another (?:day|time)",
    "prescription": r"prescription\w*|refill\w*|renew\w*|medication\w*|medicine|meds\b|pills|inhaler|pharmacy|"
    r"tablets|insulin|running out",
    "results": r"results?|blood ?work|tests?\b|labs?\b|x[ -]?ray|scan\b|biopsy",
    "hours": r"hours|open\w*|clos\w*|what time",
    "address": r"address|located|location|directions|parking|\bpark\b|where are you|where is|get there|how do i get",
    "human": r"receptionist|someone|somebody|person|human|operator|front desk|put me through|transfer|anyone",
}

PREFIXES = [
    "", "", "hi", "hello", "um", "yes hi", "hi there", "i'd like to", "i need to", "i was calling to",
    "can i", "hello i want to", "i'm phoning about", "could you tell me", "i was wondering about", "hi um",
]
SUFFIXES = ["", "", "please", "for next week", "with doctor patel", "on tuesday", "if that's ok", "thanks"]


def keyword_span(text, family):
    """(text before the keyword, text up to the keyword's end) for the family's first keyword, or None."""
    found = re.search(KEYWORDS[family], text, re.IGNORECASE)
    if found is None:
        return None
    return text[: found.start()].strip(), text[: found.end()].strip()


def template_sentences(per_template, seed=13):
    """(text, intent) from the understanding set's TUNING templates, with another seed than the tuning set's."""
    import importlib.machinery
    import importlib.util

    path = os.path.join(base.ROOT, "tools", "make-understanding-set")
    loader = importlib.machinery.SourceFileLoader("make_understanding_set", path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    generator = module.Generator(seed, ["um", "uh", "er"], ["hi", "hello", "hi there,", "yeah hi,"])
    lines = generator.make(module.TUNING, per_template, module.TUNING_EXTRA)
    return sorted({(line["text"], line["intent"]) for line in lines if line["text"].strip()})


def labelled_sentences():
    """The tuning set's and the TUNING templates' sentences, (text, intent), each once."""
    tuning = [(r["text"], r["intent"]) for r in base.labelled_sentences(["tuning.jsonl"]) if r["text"].strip()]
    return sorted(set(tuning) | set(template_sentences(per_template=4)))


def examples(embedder, noises, voices, seed):
    """Every training utterance's windows: [(voice index, embeddings, ends, labels)]."""
    rng = np.random.default_rng(seed)
    jobs = []
    for family, cores in FAMILIES.items():
        for core in cores:
            for _ in range(DRAWS_PER_PHRASE):
                voice = int(rng.integers(len(voices)))
                prefix, suffix = PREFIXES[rng.integers(len(PREFIXES))], SUFFIXES[rng.integers(len(SUFFIXES))]
                jobs.append(("phrase", voice, (prefix, core, suffix, CLASSES.index(family))))
    for text, intent in labelled_sentences():
        for _ in range(3):
            voice = int(rng.integers(len(voices)))
            if intent in FAMILIES:
                span = keyword_span(text, intent)
                if span is not None:
                    jobs.append(("sentence", voice, (text, span, CLASSES.index(intent))))
            else:
                jobs.append(("sentence", voice, (text, None, 0)))
    passages = urgent.training_passages()
    order = rng.permutation(len(passages))
    for start in range(0, min(120 * 6, len(passages)), 6):
        jobs.append(("prose", int(rng.integers(len(voices))), " ".join(passages[i] for i in order[start : start + 6])))

    def work(item):
        index, (kind, voice_index, payload) = item
        local = np.random.default_rng([seed, index])
        voice = voices[voice_index]
        if kind == "phrase":
            prefix, core, suffix, label = payload
            speech, core_start, core_end = urgent.spoken_with_prefix(voice, prefix, core, suffix, local)
            rows = urgent.versions(embedder, noises, speech, (core_start, core_end), local, copies=2, category=label - 1)
        elif kind == "sentence":
            text, span, label = payload
            speech = base.synthesize(voice, text)
            if span is None:
                rows = urgent.versions(embedder, noises, speech, None, local, copies=2)
            else:
                before, through = span
                start = len(base.synthesize(voice, before)) / base.RATE if before else 0.0
                end = min(len(base.synthesize(voice, through)) / base.RATE, len(speech) / base.RATE)
                rows = urgent.versions(
                    embedder, noises, speech, (min(start, end - 0.2), end), local, copies=2, category=label - 1
                )
        else:
            rows = urgent.versions(embedder, noises, base.synthesize(voice, payload), None, local, copies=1)
        return [(voice_index, *row) for row in rows]

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(work, enumerate(jobs)))
    return [row for rows in results for row in rows]


def class_probabilities(network, features):
    mean, scale, (w1, b1, w2, b2) = network
    x = (features - mean) / scale
    logits = np.maximum(x @ w1 + b1, 0) @ w2 + b2
    logits -= logits.max(1, keepdims=True)
    exponentials = np.exp(logits)
    return exponentials / exponentials.sum(1, keepdims=True)


def turn_scores(network, embeddings):
    """Per family (classes after `other`), the highest probability any window of the utterance gives it."""
    return class_probabilities(network, urgent.stacked(embeddings)).max(0)[1:]


def utterance_label(labels):
    positive = labels[labels >= 1]
    return int(positive[0]) if len(positive) else 0


def turn_decision(scores, threshold):
    best = int(scores.argmax())
    return 1 + best if scores[best] >= threshold else 0


def choose_threshold(network, rows):
    """The threshold with the best turn-level accuracy of the head alone on the rows; prints the sweep and the
    confusion at the chosen one."""
    scored = [(turn_scores(network, embeddings), utterance_label(labels)) for _, embeddings, _, labels in rows]
    best = None
    for threshold in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99]:
        decisions = [turn_decision(scores, threshold) for scores, _ in scored]
        right = sum(1 for decision, (_, label) in zip(decisions, scored) if decision == label)
        families = [(d, label) for d, (_, label) in zip(decisions, scored) if label > 0]
        others = [(d, label) for d, (_, label) in zip(decisions, scored) if label == 0]
        print(
            f"request: development, threshold {threshold:.2f}: {right}/{len(scored)} turns right; "
            f"families {sum(d == l for d, l in families)}/{len(families)}, "
            f"other {sum(d == 0 for d, _ in others)}/{len(others)}"
        )
        if best is None or right > best[1]:
            best = (threshold, right, len(scored))
    return best


def write_head(path, network, threshold, provenance):
    urgent.write_stacked_head(path, "request", CLASSES, network, threshold, 0, provenance)


def train(arguments, embedder, noises):
    voices, rows = urgent.cached_examples(
        arguments, "request", lambda voices: examples(embedder, noises, voices, seed=7)
    )
    development = set(range(0, len(voices), 6))
    fit_rows = [row for row in rows if row[0] not in development]
    development_rows = [row for row in rows if row[0] in development]
    features = np.concatenate([urgent.stacked(embeddings)[labels >= 0] for _, embeddings, _, labels in fit_rows])
    labels = np.concatenate([labels[labels >= 0] for _, _, _, labels in fit_rows]).astype(np.int64)
    positive_windows = int((labels > 0).sum())
    print(f"request: {len(labels)} windows ({positive_windows} positive) from {len(fit_rows)} utterance copies")
    network = urgent.fit_network(
        features, labels, len(CLASSES), seed=5, epochs=EPOCHS, hidden=HIDDEN, positive_share=1.0, label="request"
    )
    threshold, right, total = choose_threshold(network, development_rows)
    print(f"request: development voices: threshold {threshold}, {right}/{total} turns right")
    provenance = {
        "tool": "tools/train-spotter-heads request",
        "voices": len(voices),
        "developmentVoices": len(development),
        "windows": int(len(labels)),
        "positiveWindows": positive_windows,
        "hidden": HIDDEN,
        "epochs": EPOCHS,
        "developmentTurnsRight": f"{right}/{total}",
        "heldoutVoices": "flite awb, espeak-ng m3 and f4 (never trained on): attendant eval request",
    }
    write_head(os.path.join(base.HEADS_DIR, "request.json"), network, threshold, provenance)

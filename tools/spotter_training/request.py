"""The spotter's streaming request-keyword head (run through tools/train-spotter-heads request).

Recognizing the caller's opening request is where whole calls fail: in noise the pocketsphinx `intent` language
model hears garbage, and the understanding layer reads nothing from it. This head listens for the words and short
phrases that carry a request (keyword families, one per intent of Sources/Understanding's `Intent` that the
opening asks about) straight from the speech embeddings, as the urgent head does for emergencies: the latest
CONTEXT_WINDOWS windows side by side, HIDDEN rectified units, a softmax over `other` and the families. A turn's
score for a family is the highest probability any of its windows gives that family (Sources/Spotting's
`RequestSpotting`), and `IntentFusion` (Sources/Understanding) decides between it and the recognizer's text.

Families (the classes after `other`, named as `Intent`'s cases): FAMILIES below, each a list of core phrases. After
them come REQUESTS, the requests the dialogue answers that are not intents (the doctors list, a message, a bill, a
form): the head names them so that it need not guess a family for them, and `IntentFusion` reads them as `other`.

Training data, all synthetic, from the tuning voices only (flite awb and espeak-ng m3/f4 are never used):
  positives   every core phrase of FAMILIES and REQUESTS, spoken by DRAWS_PER_PHRASE voices after a carrier
              prefix (one synthesis, so the words run on) and sometimes followed by a carrier suffix; and the caller
              sentences of the understanding layer's tuning set and of its TUNING templates
              (tools/make-understanding-set, another seed) whose intent is a family, or `other` with a keyword of
              REQUESTS in it (a bill, insurance), with the keyword found by the class's KEYWORDS pattern: the
              sentence up to the keyword's end is synthesized alone to find where the keyword ends in the whole
              sentence. A window is a positive from 0.1 s before the keyword ends to 0.5 s after (urgent.py's
              `window_labels`), `other` before the keyword has been under way 0.25 s, and left out in between and
              after;
  negatives   the windows before each keyword, every window of the tuning set's and the templates' sentences
              whose intent is `other` or `emergency`, and of paragraphs of English prose from Debian's `fortunes`
              (urgent.py's training passages). The families are each other's negatives through the softmax.
Every utterance is spoken clean once and once augmented (urgent.py's `versions`: speed, room, band, level, the 8
kHz band for every other copy, real noise at 0-30 dB).

A sixth of the tuning voices are kept out of the fit as development voices. On their utterances the tool prints
the turn-level accuracy of the head alone (the family with the highest turn score, or `other` below a threshold)
over a grid of thresholds and writes the best as the head's `threshold` (what `IntentFusion` needs before the head
may speak). The held-out report is `attendant eval request` on the held-out voices (README).

Deterministic for the same inputs: every choice is seeded and the fit runs in a fixed order. `--cache FILE` keeps
every utterance's windows by job (index, kind, voice, payload); a later run makes only the jobs the cache lacks, and
a job's rows are the same made or cached (its random draws are seeded by its index), so a cached run writes the
same head as a run from nothing.
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
# Requests the dialogue answers that are not intents: the understanding layer reads them as `other` (the doctors list
# with `isRequest` false, the dialogue finding the word "doctors"; a message, a bill or a form with `isRequest` true,
# a message the practice takes). Without classes of their own the head called them a family (`reschedule`, `book`);
# with them it can say it heard one of these, and `IntentFusion` lets the recognizer's reading stand.
REQUESTS = {
    "doctors": [
        "which doctors", "which doctors work there", "who are the doctors", "what doctors do you have",
        "the doctors at your practice", "which physicians", "the names of the doctors", "how many doctors",
        "a list of the doctors", "who the doctors are",
    ],
    "message": [
        "leave a message", "can i leave a message", "take a message", "pass on a message", "a message for",
        "give her a message", "let the doctor know", "a message for the nurse", "get a message to",
    ],
    "billing": [
        "my bill", "a question about my bill", "billing", "an invoice", "a payment", "a refund", "my insurance",
        "do you take my insurance", "i was charged", "pay my bill",
    ],
    "forms": [
        "a form", "fill in a form", "paperwork", "a letter", "a sick note", "my medical records", "a certificate",
        "sign a form", "a letter from the doctor",
    ],
}
CLASSES = ["other"] + list(FAMILIES) + list(REQUESTS)

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
    "doctors": r"doctors|physicians",
    "message": r"message|let (?:the doctor|the nurse|him|her|them) know",
    "billing": r"bill\w*|invoice|charged?\b|payment|refund|insurance|insurer|\bpay\b",
    "forms": r"forms?\b|paperwork|letter|certificate|sick note|fit note|records",
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


def request_of_other(text):
    """The class of REQUESTS whose keyword comes first in an `other` sentence, or None (a name, a date, a yes)."""
    found = [(match.start(), name) for name in REQUESTS for match in [re.search(KEYWORDS[name], text, re.I)] if match]
    return min(found)[1] if found else None


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


def jobs(voices, seed):
    """Every training utterance to make, in a fixed order: [(kind, voice index, payload)].

    The phrases of REQUESTS are drawn after the rest, so that adding them left every earlier utterance (its voice,
    its index and so its random draws) as it was, and a cache of the earlier utterances still serves."""
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
            request = request_of_other(text) if intent == "other" else None
            if intent in FAMILIES or request is not None:
                span = keyword_span(text, request or intent)
                if span is not None:
                    jobs.append(("sentence", voice, (text, span, CLASSES.index(request or intent))))
            else:
                jobs.append(("sentence", voice, (text, None, 0)))
    passages = urgent.training_passages()
    order = rng.permutation(len(passages))
    for start in range(0, min(120 * 6, len(passages)), 6):
        jobs.append(("prose", int(rng.integers(len(voices))), " ".join(passages[i] for i in order[start : start + 6])))
    for request, cores in REQUESTS.items():
        for core in cores:
            for _ in range(DRAWS_PER_PHRASE):
                voice = int(rng.integers(len(voices)))
                prefix, suffix = PREFIXES[rng.integers(len(PREFIXES))], SUFFIXES[rng.integers(len(SUFFIXES))]
                jobs.append(("phrase", voice, (prefix, core, suffix, CLASSES.index(request))))
    return jobs


def examples(embedder, noises, voices, seed, made=None):
    """Every training utterance's windows: [(voice index, embeddings, ends, labels)], and the rows of each job by
    its key (index, kind, voice index, payload) for a cache.

    A job whose key is in `made` is taken from there: its rows depend on nothing but the key (its random draws are
    seeded by its index), so a cached job and a new one give the same rows."""
    made = dict(made or {})
    keyed = [((index, *job), job) for index, job in enumerate(jobs(voices, seed))]

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

    missing = [(key[0], job) for key, job in keyed if key not in made]
    print(f"request: {len(keyed) - len(missing)} of {len(keyed)} utterances cached, {len(missing)} to make")
    with ThreadPoolExecutor(2) as pool:
        for (index, job), rows in zip(missing, pool.map(work, missing)):
            made[(index, *job)] = rows
    return [row for key, _ in keyed for row in made[key]], {key: made[key] for key, _ in keyed}


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
    decisions = [(turn_decision(scores, best[0]), label) for scores, label in scored]
    for index, name in enumerate(CLASSES):
        labelled = [decision for decision, label in decisions if label == index]
        print(f"request: development, {name}: {labelled.count(index)}/{len(labelled)} right")
    return best


def write_head(path, network, threshold, provenance):
    urgent.write_stacked_head(path, "request", CLASSES, network, threshold, 0, provenance)


def cached_examples(arguments, embedder, noises):
    """The tuning voices and every utterance's rows, the jobs already in `arguments.cache` taken from there and the
    cache rewritten with the rest (urgent.py's `cached_examples` keeps whole runs; this keeps jobs, so that new
    classes add utterances to a cache instead of starting it again)."""
    import pickle

    voices = base.tune_voices(np.random.default_rng(20261204), per_variant=1)
    made = {}
    if arguments.cache and os.path.exists(arguments.cache):
        with open(arguments.cache, "rb") as source:
            cached_voices, made = pickle.load(source)
        if cached_voices != voices or not isinstance(made, dict):
            raise SystemExit(
                f"request: {arguments.cache} was written for other voices or by an older tool; give another path"
            )
    cached_keys = set(made)
    rows, made = examples(embedder, noises, voices, seed=7, made=made)
    if arguments.cache and set(made) != cached_keys:
        with open(arguments.cache + ".partial", "wb") as sink:
            pickle.dump((voices, made), sink)
        os.replace(arguments.cache + ".partial", arguments.cache)
    return voices, rows


def train(arguments, embedder, noises):
    voices, rows = cached_examples(arguments, embedder, noises)
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

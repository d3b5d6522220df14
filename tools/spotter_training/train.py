"""Trains the spotter's heads on synthetic speech (run through tools/train-spotter-heads).

A head maps the speech-embedding windows of one turn to classes: the windows whose end falls between 0.4 s
after the turn's start and 0.4 s after its end are selected and scored by a multinomial logistic regression over
standardized features, either each window alone with the turn taking the best mean log-probability ('windows',
the digits head) or pooled into one feature, the mean and max of each of the 96 values ('mean+max'). The runtime
(Sources/Spotting) applies the same selection, pooling and weights.

Voices are split as in tools/make-caller-corpus: flite awb and espeak-ng m3/f4 are held out and never trained
on; the held-out accuracy printed at the end is measured on them.

Heads:
  digits  shipped (Sources/Spotting/Heads/Trained/digits.json): one digit word per turn, "oh" a class of its own,
          each window scored alone (FSDD 0.957 with the Swift embedder).
  urgent  Sources/Spotting/Heads/Trained/urgent.json: a streaming binary head over the last 16 windows side by side
          (urgent.py says how it is trained). With --cache it keeps the training windows, and a later run with
          the same file fits from them without synthesizing again.
  yesno   Sources/Spotting/Heads/Trained/yesno.json: yes, no or other for a short answer (yesno.py).
  request Sources/Spotting/Heads/Trained/request.json: a streaming head over request keyword families (book,
          cancel, ... human, then doctors, message, billing, forms: requests the dialogue answers that are not
          intents) for the opening turn (request.py).
  intent  an experiment, not shipped: a per-turn head over the ten intents, trained on the understanding layer's
          tuning sentences; 0.387 on held-out voices speaking the development and held-out sentences.
Pooled embeddings and a linear head carry a word ("seven") to unseen voices well, but not a meaning to unseen
phrasings; the intent head needs word-level detectors first.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import onnxruntime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPORA = os.path.join(os.path.dirname(ROOT), "shared", "corpora")
RATE = 16000
WINDOW_FRAMES = 76
WINDOW_HOP_FRAMES = 8
HEADS_DIR = os.path.join(ROOT, "Sources", "Spotting", "Heads", "Trained")
SELECT_AFTER_START_S = 0.4
SELECT_AFTER_END_S = 0.4

ESPEAK_VARIANTS_DIR = "/usr/lib/x86_64-linux-gnu/espeak-ng-data/voices/!v"
ESPEAK_ACCENTS = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-us-nyc", "en-gb-x-gbclan"]
HELDOUT_ESPEAK_VARIANTS = {"m3", "f4"}
TUNE_FLITE_VOICES = ["kal", "kal16", "rms", "slt"]
NOISES = [
    os.path.join(CORPORA, "noise_speechcommands", "doing_the_dishes.wav"),
    os.path.join(CORPORA, "noise_speechcommands", "exercise_bike.wav"),
    os.path.join(CORPORA, "noise_speechcommands", "running_tap.wav"),
    os.path.join(CORPORA, "noise_babble_derived", "babble8_16k.wav"),
]

DIGIT_CLASSES = ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def read_wav(path):
    with wave.open(path) as source:
        rate = source.getframerate()
        samples = np.frombuffer(source.readframes(source.getnframes()), np.int16).astype(np.float32)
    return samples, rate


def sox(samples, rate, effects, out_rate=RATE):
    """Runs samples through sox with repeatable dither and returns them at out_rate."""
    with tempfile.TemporaryDirectory() as scratch:
        source, destination = os.path.join(scratch, "in.wav"), os.path.join(scratch, "out.wav")
        with wave.open(source, "wb") as sink:
            sink.setnchannels(1)
            sink.setsampwidth(2)
            sink.setframerate(rate)
            sink.writeframes(np.clip(samples, -32768, 32767).astype(np.int16).tobytes())
        subprocess.run(["sox", "-R", "-V1", source, "-r", str(out_rate), destination] + effects, check=True)
        return read_wav(destination)[0]


def synthesize(voice, text):
    """voice: ("espeak", name, words per minute, pitch) or ("flite", name, duration stretch, f0 mean)."""
    engine, name, tempo, pitch = voice
    with tempfile.TemporaryDirectory() as scratch:
        raw = os.path.join(scratch, "raw.wav")
        if engine == "espeak":
            command = ["espeak-ng", "-v", name, "-s", str(tempo), "-p", str(pitch), "-w", raw, text]
        else:
            command = ["flite", "-voice", name, "--setf", "duration_stretch=%.2f" % tempo, "-t", text, "-o", raw]
            if pitch is not None:
                command[4:4] = ["--setf", "int_f0_target_mean=%d" % pitch]
        subprocess.run(command, check=True, capture_output=True)
        samples, rate = read_wav(raw)
    samples = sox(samples, rate, [])
    return trim(samples)


def trim(samples, margin=800):
    magnitude = np.abs(samples)
    loud = np.where(magnitude > magnitude.max() * 0.02)[0]
    if len(loud) == 0:
        return samples
    return samples[max(0, loud[0] - margin) : loud[-1] + margin]


def tune_voices(rng, per_variant):
    variants = sorted(v for v in os.listdir(ESPEAK_VARIANTS_DIR) if v not in HELDOUT_ESPEAK_VARIANTS)
    voices = []
    for variant in variants:
        for _ in range(per_variant):
            accent = ESPEAK_ACCENTS[rng.integers(len(ESPEAK_ACCENTS))]
            voices.append(("espeak", f"{accent}+{variant}", int(rng.integers(120, 211)), int(rng.integers(20, 81))))
    for name in TUNE_FLITE_VOICES:
        for _ in range(4 * per_variant):
            low, high = (150, 251) if name == "slt" else (80, 221)
            voices.append(("flite", name, round(float(rng.uniform(0.8, 1.3)), 2), int(rng.integers(low, high))))
    return voices


def heldout_voices():
    return [
        ("flite", "awb", 1.0, None),
        ("flite", "awb", 1.2, None),
        ("espeak", "en-us+m3", 175, 35),
        ("espeak", "en-gb+m3", 150, 50),
        ("espeak", "en-us+f4", 140, 70),
        ("espeak", "en-gb-scotland+f4", 165, 60),
    ]


class Noises:
    def __init__(self):
        self.tracks = []
        for path in NOISES:
            samples, rate = read_wav(path)
            if rate != RATE:
                raise SystemExit(f"{path}: expected {RATE} Hz, found {rate}")
            self.tracks.append(samples)

    def mix(self, samples, rng, snr_db):
        track = self.tracks[rng.integers(len(self.tracks))]
        if len(track) <= len(samples) + 1:  # a long prose paragraph: the noise repeats
            track = np.tile(track, len(samples) // len(track) + 2)
        offset = int(rng.integers(0, len(track) - len(samples) - 1))
        noise = track[offset : offset + len(samples)]
        speech_power = np.mean(samples**2) + 1e-9
        noise_power = np.mean(noise**2) + 1e-9
        return samples + noise * math.sqrt(speech_power / (noise_power * 10 ** (snr_db / 10)))


def augment(samples, rng):
    """Speed, room, band and level changes through sox: the variety real callers and phones add."""
    effects = ["speed", "%.3f" % rng.uniform(0.88, 1.12), "rate", str(RATE)]
    if rng.random() < 0.5:
        effects += ["reverb", str(int(rng.integers(10, 60))), "50", str(int(rng.integers(20, 100)))]
    if rng.random() < 0.5:
        effects += ["highpass", str(int(rng.integers(100, 400)))]
    if rng.random() < 0.5:
        effects += ["lowpass", str(int(rng.integers(3000, 7000)))]
    effects += ["gain", "-n", "%.1f" % rng.uniform(-25, -3)]
    return sox(samples, RATE, effects)


class Embedder:
    def __init__(self, models):
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        providers = ["CPUExecutionProvider"]
        self.mel = onnxruntime.InferenceSession(os.path.join(models, "melspectrogram.onnx"), options, providers=providers)
        self.network = onnxruntime.InferenceSession(
            os.path.join(models, "embedding_model.onnx"), options, providers=providers
        )

    def windows(self, samples):
        """All embedding windows of samples (int16-valued floats at 16 kHz): (embeddings [n, 96], end times s)."""
        mel = self.mel.run(None, {"input": samples.astype(np.float32)[None, :]})[0].squeeze() / 10 + 2
        starts = list(range(0, mel.shape[0] - WINDOW_FRAMES + 1, WINDOW_HOP_FRAMES))
        batch = np.stack([mel[s : s + WINDOW_FRAMES] for s in starts])[:, :, :, None].astype(np.float32)
        embeddings = self.network.run(None, {"input_1": batch})[0].reshape(-1, 96)
        ends = np.array([(160 * (s + WINDOW_FRAMES - 1) + 512) / RATE for s in starts])
        return embeddings, ends


def selected(ends, speech_start, speech_end):
    """The windows ending in [start + 0.4 s, end + 0.4 s]; the nearest window when none does."""
    chosen = (ends >= speech_start + SELECT_AFTER_START_S) & (ends <= speech_end + SELECT_AFTER_END_S)
    if not chosen.any():
        chosen = np.zeros(len(ends), bool)
        chosen[np.argmin(np.abs(ends - (speech_end + SELECT_AFTER_END_S)))] = True
    return chosen


def pooled(embeddings, ends, speech_start, speech_end):
    """Mean and max of the turn's windows: one feature per turn ('mean+max' pooling)."""
    chosen = embeddings[selected(ends, speech_start, speech_end)]
    return np.concatenate([chosen.mean(0), chosen.max(0)])


def window_rows(examples, labels):
    """Every selected window of every turn as a training row of its own, with its turn's label ('windows')."""
    rows, row_labels = [], []
    for (embeddings, ends, start, end), label in zip(examples, labels):
        chosen = embeddings[selected(ends, start, end)]
        rows.append(chosen)
        row_labels += [label] * len(chosen)
    return np.concatenate(rows), np.array(row_labels)


def predict_windows(head, examples):
    """Per turn, the class with the highest mean log-probability over its selected windows."""
    mean, scale, weights, bias = head
    predictions = []
    for embeddings, ends, start, end in examples:
        logits = ((embeddings[selected(ends, start, end)] - mean) / scale) @ weights + bias
        logits -= logits.max(1, keepdims=True)
        log_probabilities = logits - np.log(np.exp(logits).sum(1, keepdims=True))
        predictions.append(int(log_probabilities.mean(0).argmax()))
    return np.array(predictions)


def utterance_features(embedder, speech, rng, pre_s, post_s, noise_floor=5.0):
    """Places speech between pre_s and post_s of quiet room noise and returns its pooled feature."""
    pre, post = int(pre_s * RATE), int(post_s * RATE)
    padded = rng.normal(0, noise_floor, pre + len(speech) + post).astype(np.float32)
    padded[pre : pre + len(speech)] += speech
    return padded, pre / RATE, (pre + len(speech)) / RATE


def fit_logistic(features, labels, class_count, l2, steps=3000, learning_rate=0.05):
    """Multinomial logistic regression, full batch Adam: deterministic for the same inputs."""
    mean = features.mean(0)
    scale = features.std(0) + 1e-6
    x = (features - mean) / scale
    onehot = np.eye(class_count)[labels]
    weights = np.zeros((x.shape[1], class_count))
    bias = np.zeros(class_count)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias), np.zeros_like(bias)]
    for step in range(1, steps + 1):
        logits = x @ weights + bias
        logits -= logits.max(1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(1, keepdims=True)
        error = (probabilities - onehot) / len(x)
        gradients = (x.T @ error + l2 * weights, error.sum(0))
        for index, (parameter, gradient) in enumerate(zip((weights, bias), gradients)):
            first, second = moments[2 * index], moments[2 * index + 1]
            first *= 0.9
            first += 0.1 * gradient
            second *= 0.999
            second += 0.001 * gradient**2
            parameter -= learning_rate * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return mean, scale, weights, bias


def predict(head, features):
    mean, scale, weights, bias = head
    return (((features - mean) / scale) @ weights + bias).argmax(1)


def turn_versions(embedder, noises, speech, rng, augmented_copies):
    """One turn's windows, clean and then augmented: each copy after the first goes through `augment`, every other
    one through 8 kHz, and most get real noise at 5-30 dB; each sits between 0.9-1.3 s and 0.3-0.7 s of quiet.
    Returns (embeddings, window end times, speech start, speech end) per copy."""
    rows = []
    for copy in range(1 + augmented_copies):
        version = speech if copy == 0 else augment(speech, rng)
        if copy % 2 == 1:
            version = sox(version, RATE, ["rate", "8000", "rate", str(RATE)])
        padded, start, end = utterance_features(
            embedder, version, rng, float(rng.uniform(0.9, 1.3)), float(rng.uniform(0.3, 0.7))
        )
        if copy > 0 and rng.random() < 0.7:
            padded = noises.mix(padded, rng, float(rng.uniform(5, 30)))
        embeddings, ends = embedder.windows(padded)
        rows.append((embeddings, ends, start, end))
    return rows


def digit_examples(embedder, noises, voices, seed, augmented_copies):
    """Features for every voice x digit word: one clean wide-band copy, then augmented ones."""
    jobs = [(index, voice, word) for index, voice in enumerate(voices) for word in DIGIT_CLASSES]

    def work(job):
        index, voice, word = job
        rng = np.random.default_rng([seed, index, DIGIT_CLASSES.index(word)])
        rows = turn_versions(embedder, noises, synthesize(voice, word), rng, augmented_copies)
        return rows, DIGIT_CLASSES.index(word)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(work, jobs))
    examples = [row for rows, _ in results for row in rows]
    labels = np.array([label for rows, label in results for _ in rows])
    return examples, labels


def pool_all(examples):
    return np.array([pooled(*example) for example in examples])


def fsdd_accuracy(embedder, head, classes):
    """Accuracy on the Free Spoken Digit Dataset (8 kHz, upsampled): 'oh' counts as zero. For information."""
    folder = os.path.join(CORPORA, "asr_fsdd", "recordings")
    rng = np.random.default_rng(7)
    examples, truth = [], []
    for name in sorted(os.listdir(folder)):
        samples, rate = read_wav(os.path.join(folder, name))
        speech = sox(samples, rate, [])
        padded, start, end = utterance_features(embedder, speech, rng, 1.0, 0.6)
        embeddings, ends = embedder.windows(padded)
        examples.append((embeddings, ends, start, end))
        truth.append(int(name.split("_")[0]))
    predicted = [classes[c] for c in predict_windows(head, examples)]
    spoken = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    correct = sum(1 for p, t in zip(predicted, truth) if (p == "oh" and t == 0) or p == spoken[t])
    return correct, len(truth)


def write_head(path, name, classes, head, provenance, pooling="mean+max"):
    mean, scale, weights, bias = head
    record = {
        "name": name,
        "classes": classes,
        "pooling": pooling,
        "selection": {"afterStartSeconds": SELECT_AFTER_START_S, "afterEndSeconds": SELECT_AFTER_END_S},
        "featureMean": [round(float(v), 6) for v in mean],
        "featureScale": [round(float(v), 6) for v in scale],
        "weights": [[round(float(v), 6) for v in row] for row in weights.T],
        "bias": [round(float(v), 6) for v in bias],
        "training": provenance,
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".partial", "w") as sink:
        json.dump(record, sink, indent=1)
        sink.write("\n")
    os.replace(path + ".partial", path)


def train_digits(arguments, embedder, noises):
    rng = np.random.default_rng(20261203)
    voices = tune_voices(rng, per_variant=2)
    examples, labels = digit_examples(embedder, noises, voices, seed=1, augmented_copies=3)
    rows, row_labels = window_rows(examples, labels)
    head = fit_logistic(rows, row_labels, len(DIGIT_CLASSES), l2=arguments.l2)
    heldout_examples, heldout_labels = digit_examples(embedder, noises, heldout_voices(), seed=2, augmented_copies=1)
    heldout = float((predict_windows(head, heldout_examples) == heldout_labels).mean())
    if arguments.cache:
        import pickle

        with open(arguments.cache, "wb") as sink:
            pickle.dump({"train": (examples, labels), "heldout": (heldout_examples, heldout_labels)}, sink)
    provenance = {
        "tool": "tools/train-spotter-heads digits",
        "voices": len(voices),
        "examples": int(len(labels)),
        "windows": int(len(row_labels)),
        "l2": arguments.l2,
        "heldoutVoices": "flite awb, espeak-ng m3 and f4 (never trained on)",
        "heldoutAccuracy": round(heldout, 4),
    }
    print(f"digits: {len(labels)} training examples from {len(voices)} voices; held-out voices {heldout:.3f}")
    if arguments.evaluate_fsdd:
        correct, total = fsdd_accuracy(embedder, head, DIGIT_CLASSES)
        print(f"digits: FSDD {correct}/{total} = {correct / total:.3f} (onnxruntime embeddings; for information)")
    write_head(os.path.join(HEADS_DIR, "digits.json"), "digits", DIGIT_CLASSES, head, provenance, pooling="windows")


def tuning_sentences(urgent):
    """Caller sentences of the understanding layer's tuning set (the set its rules were tuned on)."""
    path = os.path.join(ROOT, "fixtures", "understanding", "tuning.jsonl")
    with open(path) as source:
        records = [json.loads(line) for line in source if line.strip()]
    return sorted({r["text"] for r in records if r["urgent"] == urgent and r["text"].strip()})


def labelled_sentences(names):
    records = []
    for name in names:
        with open(os.path.join(ROOT, "fixtures", "understanding", name)) as source:
            records += [json.loads(line) for line in source if line.strip()]
    return records


INTENT_CLASSES = [
    "book", "cancel", "reschedule", "prescription", "results", "hours", "address", "human", "emergency", "other",
]


def intent_examples(embedder, noises, voices, records, seed, voices_per_sentence, augmented_copies):
    """(embeddings, ends, speech start, speech end) and the intent index for each sentence x voice x copy."""
    items = [(record["text"], INTENT_CLASSES.index(record["intent"])) for record in records]
    return labelled_examples(embedder, noises, voices, items, seed, voices_per_sentence, augmented_copies)


def labelled_examples(embedder, noises, voices, items, seed, voices_per_item, augmented_copies):
    """(embeddings, ends, speech start, speech end) and the label for each (text, label) item x voice x copy: each
    item is spoken by voices_per_item voices drawn at random, clean and through `turn_versions`."""
    rng = np.random.default_rng(seed)
    jobs = []
    for text, label in items:
        for _ in range(voices_per_item):
            jobs.append((voices[rng.integers(len(voices))], text, label))

    def work(item):
        index, (voice, text, label) = item
        local = np.random.default_rng([seed, index])
        versions = turn_versions(embedder, noises, synthesize(voice, text), local, augmented_copies)
        return [(version, label) for version in versions]

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(work, enumerate(jobs)))
    flat = [row for rows in results for row in rows]
    return [example for example, _ in flat], np.array([label for _, label in flat])


def train_intent(arguments, embedder, noises):
    rng = np.random.default_rng(20261205)
    voices = tune_voices(rng, per_variant=1)
    records = [r for r in labelled_sentences(["tuning.jsonl"]) if r["text"].strip()]
    examples, labels = intent_examples(embedder, noises, voices, records, 5, voices_per_sentence=8, augmented_copies=1)
    heldout_records = [r for r in labelled_sentences(["development.jsonl", "heldout.jsonl"]) if r["text"].strip()]
    heldout_examples, heldout_labels = intent_examples(
        embedder, noises, heldout_voices(), heldout_records, 6, voices_per_sentence=1, augmented_copies=1
    )
    if arguments.cache:
        import pickle

        with open(arguments.cache, "wb") as sink:
            pickle.dump({"train": (examples, labels), "heldout": (heldout_examples, heldout_labels)}, sink)
    head = fit_logistic(pool_all(examples), labels, len(INTENT_CLASSES), l2=arguments.l2)
    heldout = float((predict(head, pool_all(heldout_examples)) == heldout_labels).mean())
    print(f"intent: {len(labels)} training examples; held-out voices and sentences {heldout:.3f}")
    # An experiment: nothing is written into the shipped heads (see the module docstring).


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("head", choices=["digits", "urgent", "intent", "yesno", "request"])
    parser.add_argument("--models", required=True, help="folder with melspectrogram.onnx and embedding_model.onnx")
    parser.add_argument("--l2", type=float, default=0.003, help="L2 penalty on the standardized weights")
    parser.add_argument("--cache", help="also pickle the training windows here, for experiments")
    parser.add_argument("--evaluate-fsdd", action="store_true", help="also score FSDD (never trained on)")
    parser.add_argument("--pooling", choices=["mean+max", "windows"], default="mean+max", help="yesno head only")
    arguments = parser.parse_args()
    embedder = Embedder(arguments.models)
    noises = Noises()
    if arguments.head == "digits":
        train_digits(arguments, embedder, noises)
    elif arguments.head == "intent":
        train_intent(arguments, embedder, noises)
    elif arguments.head == "yesno":
        import yesno

        yesno.train_head(arguments, embedder, noises)
    elif arguments.head == "request":
        import request

        request.train(arguments, embedder, noises)
    else:
        import urgent

        urgent.train(arguments, embedder, noises)


if __name__ == "__main__":
    sys.exit(main())

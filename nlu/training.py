"""``python -m nlu train``: fit the intent model on ``nlu/data/train`` reproducibly.

Logistic regression (scikit-learn, lbfgs, single thread) over TF-IDF features.
The regularisation strength, the softmax temperature, the out-of-scope
threshold and the margin under which two intents are offered as a choice are
chosen by stratified 5-fold cross-validation with a fixed seed.

``classifier="mlp"`` (one hidden layer) and ``features=()`` (without the
request-shape features) exist to compare approaches (``bench/nlu_compare.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nlu import _env  # noqa: F401
from nlu.entities import EntityExtractor
from nlu.entities.resources import domain_words
from nlu.features import MAX_FEATURE_CHARS, message_features
from nlu.intent import FALLBACK_INTENT, MODEL_PATH, IntentModel, close_pair
from nlu.keywords import KEYWORD_BOOST, KeywordMatcher
from nlu.markup import REFERENCE_DAY, Example, load_examples
from nlu.normalize import normalize
from nlu.requests import RequestCues, request_cues
from nlu.tokenize import Tokenizer
from nlu.types import INTENTS

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAIN_DIR = DATA_DIR / "train"
TEST_DIR = DATA_DIR / "test"
SEED = 20261128
MIN_DF = 2
C_GRID = (3.0, 10.0, 30.0, 100.0)
FOLDS = 5
#: share of (cross-validated) training messages that may get a clarifying question
CLARIFY_BUDGET = 0.03
#: the hidden layer of the comparison classifier and its L2 penalties (chosen by cross-validation)
MLP_HIDDEN = 64
MLP_ALPHAS = (1e-4, 1e-3)
#: feature groups a model can be trained with (recorded in its metadata, read by the pipeline)
FEATURES = ("requests",)


@dataclass
class TrainReport:
    examples: int
    duplicates_dropped: int
    features: int
    c: float
    temperature: float
    fallback_threshold: float
    cv_accuracy: float
    clarify_margin: float
    clarify_share: float
    clarify_wrong: float
    tokenizer_engine: str
    tokenizer_mismatches: int
    path: Path


def data_fingerprint(directory: Path = TRAIN_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    gazetteers = DATA_DIR / "gazetteers"
    extra = [DATA_DIR / "domain_words.txt", DATA_DIR / "intent_keywords.yaml", DATA_DIR / "request_cues.yaml"]
    for path in sorted(gazetteers.glob("*.yaml")) + extra:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def featurize(
    examples: list[Example],
    tokenizer: Tokenizer,
    extractor: EntityExtractor,
    keywords: KeywordMatcher,
    requests: RequestCues | None = None,
) -> list[dict[str, int]]:
    today = dt.date.fromisoformat(REFERENCE_DAY)
    rows = []
    for ex in examples:
        mapped = normalize(ex.text)
        types = [s.type for s in extractor.spans(mapped.text, today)]
        text = mapped.text[:MAX_FEATURE_CHARS]
        tokens = tokenizer.tokenize(text)
        row = message_features(mapped.text, tokens, types, keywords.counts(text))
        if requests is not None:
            row.update(requests.features(text, tokens))
        rows.append(row)
    return rows


class Vectorizer:
    """Vocabulary (document frequency >= MIN_DF), smoothed IDF, sublinear TF, L2 norm."""

    def __init__(self, rows: list[dict[str, int]], min_df: int = MIN_DF) -> None:
        df: Counter[str] = Counter()
        for row in rows:
            df.update(row.keys())
        kept = sorted(f for f, n in df.items() if n >= min_df or f[0] in "eks")
        self.vocabulary = {f: i for i, f in enumerate(kept)}
        n = len(rows)
        # keyword and request-shape features are few and informative: they get a larger weight
        self.idf = np.array(
            [
                (math.log((1 + n) / (1 + df[f])) + 1.0) * (KEYWORD_BOOST if f[0] in "ks" else 1.0)
                for f in kept
            ]
        )

    def transform(self, rows: list[dict[str, int]]) -> csr_matrix:
        from scipy.sparse import csr_matrix

        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for row in rows:
            pairs = sorted(
                (self.vocabulary[f], 1.0 + math.log(c)) for f, c in row.items() if f in self.vocabulary
            )
            if pairs:
                idx = np.array([j for j, _ in pairs])
                w = np.array([v for _, v in pairs]) * self.idf[idx]
                w /= np.linalg.norm(w)
                indices.extend(idx.tolist())
                data.extend(w.tolist())
            indptr.append(len(indices))
        return csr_matrix((data, indices, indptr), shape=(len(rows), len(self.vocabulary)))


def _fit(x: csr_matrix, y: np.ndarray, c: float, classifier: str = "logreg") -> LogisticRegression | MLPClassifier:
    if classifier == "mlp":
        from sklearn.neural_network import MLPClassifier

        model = MLPClassifier(
            hidden_layer_sizes=(MLP_HIDDEN,), alpha=c, max_iter=300, random_state=SEED, tol=1e-5
        )
        model.fit(x, y)
        return model
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, tol=1e-6, random_state=SEED)
    model.fit(x, y)
    return model


def _scores(model: LogisticRegression | MLPClassifier, x: csr_matrix) -> np.ndarray:
    """Scores before the softmax (logits) for both kinds of classifier."""
    logits: np.ndarray
    if hasattr(model, "decision_function"):
        logits = model.decision_function(x)
        return logits
    hidden = np.maximum(x @ model.coefs_[0] + model.intercepts_[0], 0.0)
    logits = hidden @ model.coefs_[1] + model.intercepts_[1]
    return logits


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return p


def _cross_validated_scores(
    rows: list[dict[str, int]], y: np.ndarray, c: float, classifier: str = "logreg"
) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros((len(rows), len(INTENTS)))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(np.zeros(len(y)), y):
        vec = Vectorizer([rows[i] for i in train_idx])
        model = _fit(vec.transform([rows[i] for i in train_idx]), y[train_idx], c, classifier)
        scores[test_idx] = _scores(model, vec.transform([rows[i] for i in test_idx]))
    return scores


def _fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    best_t, best_nll = 1.0, float("inf")
    for t in np.arange(0.2, 3.01, 0.05):
        p = _softmax(scores / t)
        nll = -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))
        if nll < best_nll:
            best_t, best_nll = float(round(t, 2)), nll
    return best_t


def _fit_threshold(probs: np.ndarray, y: np.ndarray) -> float:
    fallback = INTENTS.index(FALLBACK_INTENT)
    best_th, best_acc = 0.0, -1.0
    for th in np.arange(0.0, 0.61, 0.02):
        pred = probs.argmax(axis=1)
        pred = np.where(probs.max(axis=1) < th, fallback, pred)
        acc = float((pred == y).mean())
        if acc > best_acc + 1e-9:
            best_th, best_acc = float(round(th, 2)), acc
    return best_th


def _fit_clarify_margin(probs: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """The largest margin (step 0.01) that asks on at most CLARIFY_BUDGET of the messages; with the share
    asked and the share of those whose best intent was wrong."""
    rankings = []
    for row in probs:
        order = row.argsort()[::-1][:2]
        rankings.append([(INTENTS[i], float(row[i])) for i in order])
    best = (0.0, 0.0, 0.0)
    for margin in np.arange(0.01, 0.51, 0.01):
        asked = [i for i, r in enumerate(rankings) if close_pair(r, float(margin)) is not None]
        share = len(asked) / len(y)
        if share > CLARIFY_BUDGET:
            break
        wrong = sum(INTENTS.index(rankings[i][0][0]) != y[i] for i in asked) / len(asked) if asked else 0.0
        best = (float(round(margin, 2)), share, wrong)
    return best


def dedupe(examples: list[Example]) -> tuple[list[Example], int]:
    seen: set[str] = set()
    kept = []
    for ex in examples:
        key = normalize(ex.text).text
        if key in seen:
            continue
        seen.add(key)
        kept.append(ex)
    return kept, len(examples) - len(kept)


def _latin_vocabulary(examples: list[Example]) -> list[str]:
    words: set[str] = set()
    for ex in examples:
        words.update(re.findall(r"[a-z]{2,}", ex.text.lower()))
    return sorted(words)


def _tokenizer_mismatches(examples: list[Example], tokenizer: Tokenizer) -> int:
    if tokenizer.engine != "nlpo3":
        return 0
    other = Tokenizer(domain_words(), engine="newmm")
    return sum(
        tokenizer.tokenize(normalize(ex.text).text) != other.tokenize(normalize(ex.text).text)
        for ex in examples
    )


def train(
    path: Path = MODEL_PATH,
    train_dir: Path = TRAIN_DIR,
    *,
    classifier: str = "logreg",
    features: tuple[str, ...] = FEATURES,
) -> TrainReport:
    from threadpoolctl import threadpool_limits

    examples, dropped = dedupe(load_examples(train_dir))
    tokenizer = Tokenizer(domain_words())
    extractor = EntityExtractor()
    requests = request_cues() if "requests" in features else None
    rows = featurize(examples, tokenizer, extractor, KeywordMatcher(), requests)
    y = np.array([INTENTS.index(ex.intent) for ex in examples])
    grid = MLP_ALPHAS if classifier == "mlp" else C_GRID
    with threadpool_limits(limits=1):
        best_c, best_scores, best_acc = grid[0], np.zeros(0), -1.0  # the first c always does better
        for c in grid:
            scores = _cross_validated_scores(rows, y, c, classifier)
            acc = float((scores.argmax(axis=1) == y).mean())
            if acc > best_acc + 1e-9:
                best_c, best_scores, best_acc = c, scores, acc
        temperature = _fit_temperature(best_scores, y)
        probs = _softmax(best_scores / temperature)
        threshold = _fit_threshold(probs, y)
        margin, share, wrong = _fit_clarify_margin(probs, y)
        vec = Vectorizer(rows)
        final = _fit(vec.transform(rows), y, best_c, classifier)
    if classifier == "mlp":
        hidden = (final.coefs_[0], final.intercepts_[0])
        coef, intercept = final.coefs_[1], final.intercepts_[1]
        algorithm = f"tfidf(char 1-4, words, word pairs, entity types, {', '.join(features) or '-'}) + MLP({MLP_HIDDEN})"
    else:
        hidden = None
        coef, intercept = final.coef_.T.copy(), final.intercept_.copy()
        algorithm = f"tfidf(char 1-4, words, word pairs, entity types, {', '.join(features) or '-'}) + logistic regression"
    model = IntentModel(
        intents=INTENTS,
        vocabulary=vec.vocabulary,
        idf=vec.idf,
        coef=coef,
        intercept=intercept,
        temperature=temperature,
        fallback_threshold=threshold,
        meta={
            "algorithm": algorithm,
            "c": best_c,
            "clarify_margin": margin,
            "cv_accuracy": round(best_acc, 4),
            "examples": len(examples),
            "features": list(features),
            "seed": SEED,
            "data_fingerprint": data_fingerprint(train_dir),
            "latin_vocabulary": _latin_vocabulary(examples),
        },
        hidden=hidden,
    )
    model.save(path)
    return TrainReport(
        examples=len(examples),
        duplicates_dropped=dropped,
        features=len(vec.vocabulary),
        c=best_c,
        temperature=temperature,
        fallback_threshold=threshold,
        cv_accuracy=best_acc,
        clarify_margin=margin,
        clarify_share=share,
        clarify_wrong=wrong,
        tokenizer_engine=tokenizer.engine,
        tokenizer_mismatches=_tokenizer_mismatches(examples, tokenizer),
        path=path,
    )

"""``python -m nlu train``: fit the intent model on ``nlu/data/train`` reproducibly.

Logistic regression (scikit-learn, lbfgs, single thread) over TF-IDF features.
The regularisation strength, the softmax temperature and the out-of-scope
threshold are chosen by stratified 5-fold cross-validation with a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlu import _env  # noqa: F401
from nlu.entities import EntityExtractor
from nlu.entities.resources import domain_words
from nlu.features import MAX_FEATURE_CHARS, message_features
from nlu.intent import FALLBACK_INTENT, MODEL_PATH, IntentModel
from nlu.keywords import KEYWORD_BOOST, KeywordMatcher
from nlu.markup import REFERENCE_DAY, Example, load_examples
from nlu.normalize import normalize
from nlu.tokenize import Tokenizer
from nlu.types import INTENTS

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAIN_DIR = DATA_DIR / "train"
TEST_DIR = DATA_DIR / "test"
SEED = 20261128
MIN_DF = 2
C_GRID = (3.0, 10.0, 30.0, 100.0)
FOLDS = 5


@dataclass
class TrainReport:
    examples: int
    duplicates_dropped: int
    features: int
    c: float
    temperature: float
    fallback_threshold: float
    cv_accuracy: float
    tokenizer_engine: str
    tokenizer_mismatches: int
    path: Path


def data_fingerprint(directory: Path = TRAIN_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    gazetteers = DATA_DIR / "gazetteers"
    extra = [DATA_DIR / "domain_words.txt", DATA_DIR / "intent_keywords.yaml"]
    for path in sorted(gazetteers.glob("*.yaml")) + extra:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def featurize(
    examples: list[Example], tokenizer: Tokenizer, extractor: EntityExtractor, keywords: KeywordMatcher
) -> list[dict[str, int]]:
    today = dt.date.fromisoformat(REFERENCE_DAY)
    rows = []
    for ex in examples:
        mapped = normalize(ex.text)
        types = [s.type for s in extractor.spans(mapped.text, today)]
        text = mapped.text[:MAX_FEATURE_CHARS]
        tokens = tokenizer.tokenize(text)
        rows.append(message_features(mapped.text, tokens, types, keywords.counts(text)))
    return rows


class Vectorizer:
    """Vocabulary (document frequency >= MIN_DF), smoothed IDF, sublinear TF, L2 norm."""

    def __init__(self, rows: list[dict[str, int]], min_df: int = MIN_DF) -> None:
        df: Counter[str] = Counter()
        for row in rows:
            df.update(row.keys())
        kept = sorted(f for f, n in df.items() if n >= min_df or f[0] in "ek")
        self.vocabulary = {f: i for i, f in enumerate(kept)}
        n = len(rows)
        # keyword features are few and informative: they get a larger weight
        self.idf = np.array(
            [
                (math.log((1 + n) / (1 + df[f])) + 1.0) * (KEYWORD_BOOST if f.startswith("k") else 1.0)
                for f in kept
            ]
        )

    def transform(self, rows: list[dict[str, int]]):
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


def _fit(x, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, tol=1e-6, random_state=SEED)
    model.fit(x, y)
    return model


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _cross_validated_scores(rows: list[dict[str, int]], y: np.ndarray, c: float) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros((len(rows), len(INTENTS)))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(np.zeros(len(y)), y):
        vec = Vectorizer([rows[i] for i in train_idx])
        model = _fit(vec.transform([rows[i] for i in train_idx]), y[train_idx], c)
        scores[test_idx] = model.decision_function(vec.transform([rows[i] for i in test_idx]))
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


def train(path: Path = MODEL_PATH, train_dir: Path = TRAIN_DIR) -> TrainReport:
    from threadpoolctl import threadpool_limits

    examples, dropped = dedupe(load_examples(train_dir))
    tokenizer = Tokenizer(domain_words())
    extractor = EntityExtractor()
    rows = featurize(examples, tokenizer, extractor, KeywordMatcher())
    y = np.array([INTENTS.index(ex.intent) for ex in examples])
    with threadpool_limits(limits=1):
        best_c, best_scores, best_acc = C_GRID[0], None, -1.0
        for c in C_GRID:
            scores = _cross_validated_scores(rows, y, c)
            acc = float((scores.argmax(axis=1) == y).mean())
            if acc > best_acc + 1e-9:
                best_c, best_scores, best_acc = c, scores, acc
        temperature = _fit_temperature(best_scores, y)
        threshold = _fit_threshold(_softmax(best_scores / temperature), y)
        vec = Vectorizer(rows)
        final = _fit(vec.transform(rows), y, best_c)
    model = IntentModel(
        intents=INTENTS,
        vocabulary=vec.vocabulary,
        idf=vec.idf,
        coef=final.coef_.T.copy(),
        intercept=final.intercept_.copy(),
        temperature=temperature,
        fallback_threshold=threshold,
        meta={
            "algorithm": "tfidf(char 1-4, words, word pairs, entity types) + logistic regression",
            "c": best_c,
            "cv_accuracy": round(best_acc, 4),
            "examples": len(examples),
            "seed": SEED,
            "data_fingerprint": data_fingerprint(train_dir),
            "latin_vocabulary": _latin_vocabulary(examples),
        },
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
        tokenizer_engine=tokenizer.engine,
        tokenizer_mismatches=_tokenizer_mismatches(examples, tokenizer),
        path=path,
    )

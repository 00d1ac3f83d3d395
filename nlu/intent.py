"""Intent classifier: a linear model over TF-IDF features, applied with plain numpy.

The trained artefact (``nlu/data/model/intent_model.npz``) holds the feature
vocabulary, IDF weights, the weight matrix, a softmax temperature fitted on
cross-validated predictions (so probabilities are calibrated) and the
probability below which a message is treated as out of scope.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model" / "intent_model.npz"
FALLBACK_INTENT = "out_of_scope"
#: intents the bot can offer as a choice in a clarifying question
CLARIFIABLE = frozenset(
    {
        "help",
        "search_courses",
        "register",
        "cancel_registration",
        "my_registrations",
        "evaluate",
        "certificate",
        "update_profile",
        "delete_my_data",
        "contact_staff",
    }
)


@dataclass(frozen=True)
class IntentModel:
    intents: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_features, n_intents)
    intercept: np.ndarray  # (n_intents,)
    temperature: float
    fallback_threshold: float
    meta: dict[str, Any]
    #: optional hidden layer (weights (n_features, h), bias (h,)); then ``coef`` is (h, n_intents)
    hidden: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> IntentModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            vocabulary = {f: i for i, f in enumerate(str(data["vocabulary"]).split("\n"))}
            hidden = None
            if "hidden_coef" in data:
                hidden = (
                    np.ascontiguousarray(data["hidden_coef"], dtype=np.float64),
                    data["hidden_intercept"].astype(np.float64),
                )
            return cls(
                intents=tuple(meta["intents"]),
                vocabulary=vocabulary,
                idf=data["idf"].astype(np.float64),
                coef=np.ascontiguousarray(data["coef"], dtype=np.float64),
                intercept=data["intercept"].astype(np.float64),
                temperature=float(meta["temperature"]),
                fallback_threshold=float(meta["fallback_threshold"]),
                meta=meta,
                hidden=hidden,
            )

    def save(self, path: Path = MODEL_PATH) -> None:
        features = [""] * len(self.vocabulary)
        for f, i in self.vocabulary.items():
            features[i] = f
        meta = dict(self.meta)
        meta.update(
            intents=list(self.intents),
            temperature=self.temperature,
            fallback_threshold=self.fallback_threshold,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays = {
            "meta": np.array(json.dumps(meta, ensure_ascii=False, sort_keys=True)),
            "vocabulary": np.array("\n".join(features)),
            "idf": self.idf.astype(np.float32),
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
        }
        if self.hidden is not None:
            arrays["hidden_coef"] = self.hidden[0].astype(np.float16)
            arrays["hidden_intercept"] = self.hidden[1].astype(np.float32)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, allow_pickle=True, **arrays)

    def scores(self, counts: dict[str, int]) -> np.ndarray:
        """Raw linear scores (before temperature and softmax) for feature counts."""
        vocabulary = self.vocabulary
        idx: list[int] = []
        weights: list[float] = []
        for feature, count in counts.items():
            j = vocabulary.get(feature)
            if j is not None:
                idx.append(j)
                weights.append(1.0 + math.log(count))
        if self.hidden is not None:
            h = self.hidden[1].copy()
            if idx:
                w = np.asarray(weights) * self.idf[idx]
                w /= math.sqrt(float(w @ w))
                h += w @ self.hidden[0][idx]
            scores: np.ndarray = self.intercept + np.maximum(h, 0.0) @ self.coef
            return scores
        if not idx:
            return self.intercept.copy()
        w = np.asarray(weights) * self.idf[idx]
        w /= math.sqrt(float(w @ w))
        scores = self.intercept + w @ self.coef[idx]
        return scores

    @property
    def clarify_margin(self) -> float:
        """Two intents closer than this (in probability) are offered as a choice (fitted in training)."""
        return float(self.meta.get("clarify_margin", 0.0))

    def close_pair(self, ranking: list[tuple[str, float]]) -> tuple[str, str] | None:
        """The two best intents when they are too close to choose between, else ``None``."""
        return close_pair(ranking, self.clarify_margin)

    def probabilities(self, counts: dict[str, int]) -> np.ndarray:
        z = self.scores(counts) / self.temperature
        z -= z.max()
        p = np.exp(z)
        probabilities: np.ndarray = p / p.sum()
        return probabilities


def close_pair(ranking: list[tuple[str, float]], margin: float) -> tuple[str, str] | None:
    """``(best, second)`` when both are intents the bot can offer and their probabilities differ by
    less than ``margin``."""
    if len(ranking) < 2:
        return None
    (a, pa), (b, pb) = ranking[0], ranking[1]
    if a in CLARIFIABLE and b in CLARIFIABLE and pa - pb < margin:
        return a, b
    return None

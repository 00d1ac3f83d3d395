"""Word segmentation: newmm with the pythainlp dictionary plus the domain words.

The nlpo3 engine (a Rust port of newmm) is used when its dictionary file can
be written to a cache directory; otherwise the pure-Python newmm of pythainlp
with an in-memory trie. ``python -m nlu train`` checks that both give the same
tokens on the training data.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from nlu import _env  # noqa: F401  (pythainlp settings before its first import)

if TYPE_CHECKING:
    from pythainlp.util import Trie


def pythainlp_words_path() -> Path:
    return Path(str(importlib.resources.files("pythainlp.corpus") / "words_th.txt"))


def _cache_dirs() -> list[Path]:
    dirs: list[Path] = []
    if os.environ.get("NLU_CACHE_DIR"):
        dirs.append(Path(os.environ["NLU_CACHE_DIR"]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    dirs.append(Path(xdg) / "onde-nlu" if xdg else Path.home() / ".cache" / "onde-nlu")
    dirs.append(Path(tempfile.gettempdir()) / "onde-nlu")
    return dirs


def _write_combined_dictionary(extra_words: list[str]) -> Path | None:
    base = pythainlp_words_path().read_bytes()
    extra = "\n".join(extra_words).encode("utf-8")
    digest = hashlib.sha256(base + b"\0" + extra).hexdigest()[:16]
    for directory in _cache_dirs():
        target = directory / f"words-{digest}.txt"
        try:
            if target.is_file():
                return target
            directory.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(base.rstrip(b"\n") + b"\n" + extra + b"\n")
            os.replace(tmp, target)
            return target
        except OSError:
            continue
    return None


class Tokenizer:
    """Splits Thai (and mixed) text into words. Spaces are dropped."""

    def __init__(self, extra_words: Iterable[str], *, engine: str = "auto") -> None:
        self._extra = sorted({w.strip() for w in extra_words if w.strip() and " " not in w.strip()})
        self.engine = ""
        self._dict_name = ""
        self._trie: Trie | None = None
        if engine in ("auto", "nlpo3"):
            self._try_nlpo3()
        if not self.engine:
            if engine == "nlpo3":
                raise RuntimeError("nlpo3 dictionary could not be prepared")
            self._load_newmm()

    def _try_nlpo3(self) -> None:
        try:
            import nlpo3
        except ImportError:  # pragma: no cover - nlpo3 is a dependency
            return
        path = _write_combined_dictionary(self._extra)
        if path is None:
            return
        name = f"onde-nlu-{path.stem}"
        nlpo3.load_dict(str(path), name)  # a second load of the same name is a no-op
        self._segment_o3 = nlpo3.segment
        self._dict_name = name
        self.engine = "nlpo3"

    def _load_newmm(self) -> None:
        from pythainlp.corpus import thai_words
        from pythainlp.tokenize.newmm import segment
        from pythainlp.util import dict_trie

        self._trie = dict_trie(set(thai_words()) | set(self._extra))
        self._segment_mm = segment
        self.engine = "newmm"

    def tokenize(self, text: str) -> list[str]:
        if not text:
            return []
        if self.engine == "nlpo3":
            tokens = self._segment_o3(text, self._dict_name, True)
        else:
            tokens = self._segment_mm(text, self._trie, safe_mode=True)
        return [t for t in (tok.strip() for tok in tokens) if t]

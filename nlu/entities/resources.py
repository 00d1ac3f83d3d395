"""Loads the gazetteer files in ``nlu/data/gazetteers`` into :class:`Term` lists."""

from __future__ import annotations

import csv
import importlib.resources
from pathlib import Path
from typing import Any

import yaml

from nlu.entities.gazetteer import BLOCK, ContextRule, Phrase, Term, context_rule, load_phrases

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteers"

#: English province names shorter than this are everyday words (Nan, Tak, Loei)
_MIN_ENGLISH_PROVINCE = 5


def _load_yaml(name: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(GAZETTEER_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def text_item(value: Any, source: str) -> str:
    """A YAML list item as text; unquoted yes/no/on/off would silently become booleans."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{source}: quote {value!r} (YAML reads it as a boolean)")
    return str(value)


def _coded_terms(name: str, entity_type: str) -> list[Term]:
    terms: list[Term] = []
    for code, entry in _load_yaml(name).items():
        for form in entry.get("terms", []) or []:
            terms.append(Term(text_item(form, name), entity_type, code))
        for form in entry.get("weak", []) or []:
            terms.append(Term(text_item(form, name), entity_type, code, weak=True))
    return terms


def topic_terms() -> list[Term]:
    return _coded_terms("topics.yaml", "topic")


def target_group_terms() -> list[Term]:
    return _coded_terms("target_groups.yaml", "target_group")


def modality_terms() -> list[Term]:
    return _coded_terms("modality.yaml", "modality")


def official_provinces() -> list[dict[str, str]]:
    """The 77 provinces as shipped with pythainlp: name_th, abbr_th, name_en, abbr_en."""
    path = importlib.resources.files("pythainlp.corpus") / "thailand_provinces_th.csv"
    with path.open(encoding="utf-8-sig") as fh:
        rows = [r for r in csv.reader(fh) if len(r) >= 4 and r[0].strip()]
    return [
        {"name_th": r[0].strip(), "abbr_th": r[1].strip(), "name_en": r[2].strip(), "abbr_en": r[3].strip()}
        for r in rows
    ]


def province_terms() -> list[Term]:
    extra = _load_yaml("provinces.yaml")
    weak = set(extra.get("weak", []) or [])
    official = {p["name_th"] for p in official_provinces()}
    terms: list[Term] = []
    for p in official_provinces():
        name = p["name_th"]
        terms.append(Term(name, "province", name, weak=name in weak))
        if len(p["name_en"]) >= _MIN_ENGLISH_PROVINCE:
            terms.append(Term(p["name_en"], "province", name))
            if " " in p["name_en"]:
                terms.append(Term(p["name_en"].replace(" ", ""), "province", name))
    for name, aliases in (extra.get("aliases") or {}).items():
        if name not in official:
            raise ValueError(f"provinces.yaml: {name!r} is not an official province name")
        for alias in aliases:
            terms.append(Term(text_item(alias, "provinces.yaml"), "province", name))
    return terms


def blocker_terms() -> list[Term]:
    """Phrases that look like an entity but are not one (สำนักงานปลัดกระทรวง is an agency)."""
    return [Term(text_item(form, "blockers.yaml"), BLOCK, "") for form in _load_yaml("blockers.yaml")]


def all_terms() -> list[Term]:
    return topic_terms() + target_group_terms() + modality_terms() + province_terms() + blocker_terms()


def cues() -> dict[str, Any]:
    data: dict[str, Any] = _load_yaml("cues.yaml")
    data["weak_cues"] = {k: [text_item(c, "cues.yaml") for c in v] for k, v in data["weak_cues"].items()}
    negation = data["negation"]
    for key in ("cues", "links", "after"):
        negation[key] = [text_item(c, "cues.yaml") for c in negation.get(key, [])]
    coordination = data.get("coordination") or {}
    for key in ("conjunctions", "fillers"):
        coordination[key] = [text_item(c, "cues.yaml") for c in coordination.get(key, []) or []]
    data["coordination"] = coordination
    return data


def context_rules() -> list[ContextRule]:
    """Terms that are not entities in some contexts (ออนไลน์ in ซื้อของออนไลน์), from cues.yaml."""
    rules = []
    for entry in _load_yaml("cues.yaml").get("context", []) or []:
        unless = [text_item(w, "cues.yaml") for w in entry["unless"]]
        keep = [text_item(w, "cues.yaml") for w in entry["keep"]]
        rules.append(context_rule(entry["type"], entry["value"], unless, keep))
    return rules


def phrases() -> list[Phrase]:
    """Entities named by a description (phrases.yaml): regular expressions on the normalised text."""
    data = _load_yaml("phrases.yaml")
    parts = {name: str(pattern) for name, pattern in (data.pop("parts", None) or {}).items()}
    return load_phrases(data, parts)


def domain_words() -> list[str]:
    """Words added to the segmentation dictionary: the domain word list and Thai gazetteer terms."""
    words = {
        line.strip()
        for line in (DATA_DIR / "domain_words.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for term in all_terms():
        if term.type == BLOCK:
            continue
        form = term.form.strip()
        if any("\u0e00" <= ch <= "\u0e7f" for ch in form) and " " not in form and "." not in form:
            words.add(form)
    return sorted(words)

"""Survey templates as data: the shipped ones (backend/data/survey_templates/*.yaml) and those admins save.

A template is a code, a Thai title, a level (1 satisfaction, 2 self-rating, 3 follow-up) and its questions
(scale5, single, multi, number, text).

Answers are stored by question key, so a key keeps its meaning for good. When the shipped wording changes,
the YAML gets a new `version` and the one before is kept in previous/: a database still holding an earlier
version as it was shipped is brought to the current one (same keys, new wording; dispatches already sent
report under the new wording too), while a template an admin edited is left alone. A question the current
version no longer asks stays in it as `retired`: not asked, its answers still counted and reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from tortoise.exceptions import IntegrityError

from backend.models import SurveyTemplate
from backend.services.errors import ValidationFailed
from backend.services.surveys.errors import TemplateNotFound

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "data" / "survey_templates"
PREVIOUS_DIR = TEMPLATES_DIR / "previous"
QUESTION_TYPES = ("scale5", "single", "multi", "number", "text")
STORED_FIELDS = ("title_th", "level", "anonymous", "questions")


def asked_questions(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The questions a member answers (a retired one is only reported)."""
    return [q for q in questions if not q.get("retired")]


def validate_template(data: dict[str, Any]) -> dict[str, Any]:
    """Check a template dict (from YAML or the admin API); returns it normalised."""
    errors: list[dict[str, str]] = []
    code = str(data.get("code") or "").strip()
    if not code:
        errors.append({"field": "code", "reason": "required"})
    if not str(data.get("title_th") or "").strip():
        errors.append({"field": "title_th", "reason": "required"})
    level = data.get("level")
    if level not in (1, 2, 3):
        errors.append({"field": "level", "reason": "must be 1, 2 or 3"})
    questions = data.get("questions") or []
    if not questions:
        errors.append({"field": "questions", "reason": "at least one question"})
    keys: set[str] = set()
    clean: list[dict[str, Any]] = []
    for i, q in enumerate(questions):
        key = str(q.get("key") or "").strip()
        qtype = q.get("type")
        if not key or key in keys:
            errors.append({"field": f"questions.{i}.key", "reason": "missing or duplicate"})
        keys.add(key)
        if qtype not in QUESTION_TYPES:
            errors.append({"field": f"questions.{i}.type", "reason": f"one of {', '.join(QUESTION_TYPES)}"})
        options = [{"value": str(o["value"]), "label": str(o["label"])} for o in q.get("options") or []]
        if qtype in ("single", "multi") and not options:
            errors.append({"field": f"questions.{i}.options", "reason": "choices need options"})
        item: dict[str, Any] = {"key": key, "type": qtype, "text": str(q.get("text") or ""),
                                "required": bool(q.get("required", True))}
        if options:
            item["options"] = options
        if qtype == "number":
            item["min"] = q.get("min")
            item["max"] = q.get("max")
        if q.get("retired"):
            item["retired"] = True
            item["required"] = False
        clean.append(item)
    if errors:
        raise ValidationFailed("invalid survey template", errors=errors)
    return {"code": code, "title_th": str(data["title_th"]), "level": level,
            "anonymous": bool(data.get("anonymous", False)), "questions": clean}


def _read(path: Path) -> dict[str, Any]:
    return validate_template(yaml.safe_load(path.read_text(encoding="utf-8")))


def shipped_templates() -> list[dict[str, Any]]:
    return [_read(path) for path in sorted(TEMPLATES_DIR.glob("*.yaml"))]


def previous_versions(code: str) -> list[dict[str, Any]]:
    """The earlier shipped versions of a template, as they were stored."""
    return [_read(path) for path in sorted(PREVIOUS_DIR.glob(f"{code}.v*.yaml"))]


def _stored(template: SurveyTemplate | dict[str, Any]) -> dict[str, Any]:
    if isinstance(template, dict):
        return {name: template[name] for name in STORED_FIELDS}
    return {name: getattr(template, name) for name in STORED_FIELDS}


async def ensure_shipped_templates() -> None:
    """Create the shipped templates when missing, and bring one still as an earlier version shipped it to
    the current version (never overwrite a template an admin edited)."""
    for data in shipped_templates():
        template = await SurveyTemplate.get_or_none(code=data["code"])
        if template is None:
            try:
                await SurveyTemplate.create(**data)
            except IntegrityError:  # created concurrently
                pass
            continue
        current = _stored(data)
        stored = _stored(template)
        if stored != current and any(stored == _stored(old) for old in previous_versions(data["code"])):
            await SurveyTemplate.filter(id=template.id).update(**current)


async def get_template(code: str) -> SurveyTemplate:
    template = await SurveyTemplate.get_or_none(code=code)
    if template is None:
        await ensure_shipped_templates()
        template = await SurveyTemplate.get_or_none(code=code)
    if template is None or not template.active:
        raise TemplateNotFound(template=code)
    return template


async def list_templates() -> list[SurveyTemplate]:
    await ensure_shipped_templates()
    return await SurveyTemplate.filter(active=True).order_by("level", "code")


async def save_template(data: dict[str, Any]) -> SurveyTemplate:
    clean = validate_template(data)
    template = await SurveyTemplate.get_or_none(code=clean["code"])
    if template is None:
        return await SurveyTemplate.create(**clean)
    template.update_from_dict(clean)
    await template.save()
    return template

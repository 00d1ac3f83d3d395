"""Survey templates as data: the shipped ones (backend/data/survey_templates/*.yaml) and those admins save.

A template is a code, a Thai title, a level (1 satisfaction, 2 self-rating, 3 follow-up) and its questions
(scale5, single, multi, number, text).
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
QUESTION_TYPES = ("scale5", "single", "multi", "number", "text")


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
        clean.append(item)
    if errors:
        raise ValidationFailed("invalid survey template", errors=errors)
    return {"code": code, "title_th": str(data["title_th"]), "level": level,
            "anonymous": bool(data.get("anonymous", False)), "questions": clean}


def shipped_templates() -> list[dict[str, Any]]:
    return [validate_template(yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in sorted(TEMPLATES_DIR.glob("*.yaml"))]


async def ensure_shipped_templates() -> None:
    """Create the three shipped templates when missing (never overwrite an edited one)."""
    for data in shipped_templates():
        if not await SurveyTemplate.exists(code=data["code"]):
            try:
                await SurveyTemplate.create(**data)
            except IntegrityError:  # created concurrently
                pass


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

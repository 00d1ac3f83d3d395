"""THAI_STYLE.md as checks: every piece of Thai the service writes, found by walking the sources.

What is walked (nothing is listed by hand):
- Python modules of app/, bot/ and backend/: every string literal (f-strings with their placeholders) that
  contains Thai, less docstrings, SQL and the vocabularies the service *reads* (words users or files may
  use, named in READ_VOCABULARY: the service must understand them, it never writes them);
- Jinja templates (the admin and the survey form): the visible text of every block, the attributes people
  read (data-confirm, aria-label, placeholder, title, alt) and the string literals inside template tags;
- data files people read: the survey templates' titles, items and options, the framework's names.

The checks on each message: no word from the glossary's right column; the service never speaks as
ฉัน or เรา ("ของฉัน" is the member's own words on a menu item, e.g. "หลักสูตรของฉัน"); never คุณ as the form
of address; at most one ค่ะ/คะ in a message for members (none in back-office text); no emoji in an error
or a refusal.

Not walked: backend/certificates/ (the วุฒิบัตร document, whose wording follows "Documents"), the demo
catalogue (course titles as providers write them), the NLU (it reads what users type), the
development-only chat console and the LINE emulator, and the chart drawing (backend/admin/charts.py).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
THAI = re.compile(r"[\u0E00-\u0E7F]")
PYTHON_DIRS = ("app", "bot", "backend")
NOT_WALKED = ("backend/migrations/", "backend/certificates/", "backend/data/demo/", "bot/console/",
              "backend/admin/charts.py")
TEMPLATE_DIRS = ("backend/admin/templates", "backend/web/survey")
# Back office: staff read it; neutral, without particles.
BACK_OFFICE = (
    "backend/admin/", "backend/services/importer/", "backend/services/admin_sessions.py",
    "backend/services/login_throttle.py", "backend/services/dashboard.py", "backend/services/reports.py",
    "backend/services/broadcasts.py", "backend/services/audience.py", "backend/services/exports.py",
    "backend/api/auth.py", "backend/api/routes/reports.py", "backend/api/routes/tokens.py",
)
# Words the service reads (what users type, what import files may say): (module, assigned name).
READ_VOCABULARY = {
    "bot/phrases.py": {"EXPORT_WORDS", "PERSONAL_WORDS", "PAUSE_WORDS", "FIX_NAME_WORDS", "RECOMMEND_PHRASES",
                       "OTHER_PROFILE_WORDS"},  # words members type
    "backend/services/text.py": {"*"},
    "backend/services/provinces.py": {"*"},
    "backend/services/catalogue/query_parsing.py": {"*"},
    "backend/services/importer/file_reading.py": {"HEADER_ALIASES"},
    "backend/services/importer/row_parsing.py": {"MODALITY_WORDS", "STATUS_WORDS", "TRUE_WORDS", "FALSE_WORDS",
                                                 "THAI_MONTHS", "raw"},
    "backend/services/attendance.py": {"aliases"},
    "backend/thai_dates.py": {"*"},  # month names, checked by its own tests
    "backend/services/input_errors.py": {"_POLITE"},  # the particles it takes out of staff text
}

# (pattern, what to write instead): THAI_STYLE.md's glossary, right column.
GLOSSARY = [
    (r"ใบประกาศ", "วุฒิบัตร"),
    (r"เกียรติบัตร", "วุฒิบัตร"),
    (r"ลงทะเบียน", "สมัคร / เริ่มใช้งาน"),
    (r"ลงชื่อ", "สมัคร (a course) / เข้าสู่ระบบ (sign in)"),
    (r"รอคิว|คิว(?!อาร์)", "รายชื่อสำรอง"),
    (r"(?<!รายชื่อ)สำรอง", "รายชื่อสำรอง"),
    (r"ได้รับที่นั่ง", "ได้เลื่อนจากรายชื่อสำรองเป็นผู้เข้าอบรม"),
    (r"อบรมครบ|อบรมจบแล้ว", "ผ่านการอบรม"),
    (r"กำลังจะมาถึง|ผ่านมาแล้ว", "รออบรม / อบรมแล้ว"),
    (r"คลาส|(?<![กคฑ])รอบ(?!คอบ|ด้าน|รม)", "รุ่น"),  # not การอบรม, กรอบ, ครอบคลุม
    (r"คอร์ส", "หลักสูตร"),
    (r"ผู้ให้บริการ|\bproviders?\b", "ผู้จัดอบรม"),
    (r"ครู(?![่ซ])|\btrainers?\b", "วิทยากร"),  # not สักครู่
    (r"องค์กร", "หน่วยงาน"),
    (r"กลุ่ม(?!เป้าหมาย)", "กลุ่มเป้าหมาย"),
    (r"(?i)\bskill areas?\b", "ด้านทักษะ"),
    (r"(?i)\bL[123]\b|\bsurvey\b|pre-?test|post-?test|pre/post|follow-?up", "the survey's Thai name"),
    (r"ความปลอดภัยไซเบอร์|ความปลอดภัยทางไซเบอร์", "ความมั่นคงปลอดภัยไซเบอร์"),
    (r"ในสถานที่", "ในห้องเรียน (Onsite)"),
    (r"แชท", "แชต"),
    (r"ไฟล์ JSON", "ไฟล์ข้อมูล (JSON)"),
]
VOICE = [
    (r"(?<!ของ)ฉัน(?!ท)", "the service does not call itself ฉัน (write ระบบ or บริการนี้)"),
    (r"เรา(?!ะ|ท์)", "the service does not call itself เรา (write ระบบ or บริการนี้)"),
    (r"(?<!ขอบ)(?<!บุญ)คุณ(?!ภาพ|สมบัติ|ค่า|ธรรม|ลักษณะ|วุฒิ|ประโยชน์|ูปการ)", "address people as ท่าน, not คุณ"),
]
PARTICLE = re.compile(r"ค่ะ|คะ(?!แนน|เน)")
# An error or a refusal: says what happened and what to do next, calmly (no emoji).
REFUSAL = re.compile(r"^\s*ขออภัย|ไม่สำเร็จ|ไม่ถูกต้อง|ไม่พบ|ถี่เกินไป|เร็วมาก|เร็วเกินไป|กรุณารอ|ขัดข้อง|หมดอายุ|ไม่มีสิทธิ์|เท่านั้น")
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")
QUESTION_MARK = re.compile(r"[\u0E00-\u0E7F]\s*\?")
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET|WHERE|JOIN)\b", re.S)


@dataclass(frozen=True)
class Message:
    """One piece of Thai the service writes, and where it is."""

    text: str
    where: str  # path:line
    back_office: bool


@dataclass(frozen=True)
class Problem:
    message: Message
    reason: str

    def __str__(self) -> str:
        return f"{self.message.where}: {self.reason}: {self.message.text!r}"


def problems_in(text: str, *, back_office: bool = False) -> list[str]:
    """What is wrong with one message (empty when it follows THAI_STYLE.md)."""
    found: list[str] = []
    for pattern, instead in GLOSSARY:
        if match := re.search(pattern, text):
            found.append(f"{match.group(0)!r}: write {instead}")
    for pattern, reason in VOICE:
        if re.search(pattern, text):
            found.append(reason)
    particles = len(PARTICLE.findall(text))
    if back_office and particles:
        found.append("back-office text has no ค่ะ/คะ")
    elif particles > 1:
        found.append(f"{particles} ค่ะ/คะ in one message (one at most, on the sentence that concludes or asks)")
    if REFUSAL.search(text) and EMOJI.search(text):
        found.append("no emoji in an error or a refusal")
    if QUESTION_MARK.search(text):
        found.append("a Thai question or confirmation ends with คะ (chat) or หรือไม่ (back office), not '?'")
    return found


def _is_back_office(relative: str) -> bool:
    return relative.startswith(BACK_OFFICE)


# ---------------------------------------------------------------- Python modules


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _assigned_names(node: ast.AST) -> set[str]:
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    return {t.id for t in targets if isinstance(t, ast.Name)} | {
        t.attr for t in targets if isinstance(t, ast.Attribute)}


def _fstring_text(node: ast.JoinedStr) -> str:
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(value.value)
        else:
            parts.append("{…}")
    return "".join(parts)


def _relative(path: Path, relative: str | None) -> str:
    return relative if relative is not None else path.relative_to(ROOT).as_posix()


def python_messages(path: Path, relative: str | None = None) -> Iterator[Message]:
    """The Thai string literals of a module (`relative`: where it counts as being, default its own path)."""
    relative = _relative(path, relative)
    skip_names = READ_VOCABULARY.get(relative, set())
    if "*" in skip_names:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_nodes(tree)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if _assigned_names(node) & skip_names or (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"debug", "info", "warning", "error", "exception"}):
            skipped.update(id(n) for n in ast.walk(node))
    inside_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    back_office = _is_back_office(relative)
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in docstrings or id(node) in inside_fstrings:
            continue
        if isinstance(node, ast.JoinedStr):
            text = _fstring_text(node)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if THAI.search(text) and not SQL.search(text):
            yield Message(text, f"{relative}:{node.lineno}", back_office)


# ---------------------------------------------------------------- Jinja templates

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
JINJA_STRING = re.compile(r"'([^'\\]*)'|\"([^\"\\]*)\"")
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "td", "th", "label", "legend", "button", "option", "section",
          "form", "title", "tr", "ul", "table", "main", "header", "nav", "fieldset", "a", "textarea", "select",
          "small", "progress"}
READ_ATTRIBUTES = {"data-confirm", "aria-label", "placeholder", "title", "alt"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[int, str]] = []
        self.buffer: list[str] = []
        self.line = 1

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.chunks.append((self.line, text))
        self.buffer = []
        self.line = self.getpos()[0]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._flush()
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and value.strip():
                self.chunks.append((self.getpos()[0], value.strip()))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.buffer:
            self.line = self.getpos()[0]
        self.buffer.append(data)


def template_messages(path: Path, relative: str | None = None) -> Iterator[Message]:
    """The Thai a Jinja template shows: each block's text, the attributes people read, literals in its tags."""
    relative = _relative(path, relative)
    back_office = _is_back_office(relative)
    source = path.read_text(encoding="utf-8")
    for match in JINJA.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        for literal in JINJA_STRING.finditer(match.group(0)):
            text = literal.group(1) if literal.group(1) is not None else literal.group(2)
            if THAI.search(text):
                yield Message(text, f"{relative}:{line}", back_office)

    def blank(match: re.Match[str]) -> str:
        return " " + "\n" * match.group(0).count("\n")

    parser = _Text()
    parser.feed(JINJA.sub(blank, source))
    parser.close()
    parser._flush()
    for line, text in parser.chunks:
        if THAI.search(text):
            yield Message(text, f"{relative}:{line}", back_office)


# ---------------------------------------------------------------- data files people read


def _yaml_strings(node: object, keys: set[str]) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                yield value
            elif key != "keywords":
                yield from _yaml_strings(value, keys)
    elif isinstance(node, list):
        for item in node:
            yield from _yaml_strings(item, keys)


def data_messages() -> Iterator[Message]:
    files = [(p, {"title_th", "text", "label"}) for p in sorted((ROOT / "backend/data/survey_templates").rglob("*.yaml"))]
    files.append((ROOT / "backend/data/framework-2024.yaml", {"name_th"}))
    for path, keys in files:
        relative = path.relative_to(ROOT).as_posix()
        if "/previous/" in relative:
            continue  # wording of earlier versions, kept to recognise them
        for text in _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")), keys):
            if THAI.search(text):
                yield Message(text, relative, False)


def all_messages() -> list[Message]:
    found: list[Message] = []
    for folder in PYTHON_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not relative.startswith(NOT_WALKED):
                found.extend(python_messages(path))
    for folder in TEMPLATE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.html")):
            found.extend(template_messages(path))
    found.extend(data_messages())
    return found


def all_problems() -> list[Problem]:
    return [Problem(m, reason) for m in all_messages() for reason in problems_in(m.text, back_office=m.back_office)]


if __name__ == "__main__":  # python -m tests.thai_copy: every problem, one a line
    problems = all_problems()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems in {len(all_messages())} messages")

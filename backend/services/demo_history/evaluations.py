"""The demo's evaluations and certificates: for each past session the L2 self-rating before and after, the L1
satisfaction (answered by those who completed), the L3 follow-up 90 days after it ended, with the spread real
answers have; and a วุฒิบัตร for each completed registration."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from typing import Any

from backend.clock import BANGKOK
from backend.services.certificates.numbering import CHECK_ALPHABET, CHECK_LENGTH, NUMBER_PREFIX
from backend.services.demo_history.sessions import DemoRegistration, DemoSession, at
from backend.services.surveys.followups import FOLLOWUP_ANSWER_DAYS, FOLLOWUP_TEMPLATE, followup_moment

DISPATCH_COLUMNS = ("id", "phase", "anonymous", "deadline", "reminder_days", "dedupe_key", "created_at",
                    "created_by_id", "session_id", "template_id")
INVITE_COLUMNS = ("id", "pushed_at", "push_outcome", "dispatch_id", "member_id", "registration_id")
RESPONSE_COLUMNS = ("id", "answers", "channel", "cursor", "completed_at", "updated_at", "dispatch_id", "member_id")
CERTIFICATE_COLUMNS = ("id", "number", "check_code", "name_on_certificate", "hours", "issued_at", "revoked_at",
                       "revoke_reason", "pushed_at", "course_id", "member_id", "session_id", "registration_id")
L1_ITEMS = {"content": 0.0, "trainer": 0.15, "materials": -0.15, "duration": -0.3, "application": -0.05,
            "overall": 0.05}
COMMENTS = ("อยากให้เพิ่มเวลาฝึกปฏิบัติ", "วิทยากรอธิบายเข้าใจง่าย นำไปใช้ได้จริง", "เอกสารประกอบควรส่งล่วงหน้า",
            "ควรมีหลักสูตรต่อเนื่องระดับสูงขึ้น", "ระบบเสียงในห้องอบรมไม่ค่อยชัด", "ตัวอย่างตรงกับงานภาครัฐดีมาก")
EXAMPLES = ("ใช้จัดทำรายงานสรุปข้อมูลประจำเดือนได้เร็วขึ้น", "นำไปปรับปรุงขั้นตอนบริการประชาชนแบบออนไลน์",
            "ใช้ตรวจสอบความปลอดภัยของรหัสผ่านในหน่วยงาน", "จัดทำแดชบอร์ดติดตามงบประมาณของกอง")


@dataclass
class EvaluationRows:
    dispatches: list[tuple[Any, ...]] = field(default_factory=list)
    invites: list[tuple[Any, ...]] = field(default_factory=list)
    responses: list[tuple[Any, ...]] = field(default_factory=list)
    certificates: list[tuple[Any, ...]] = field(default_factory=list)
    sequences: dict[int, int] = field(default_factory=dict)  # Buddhist-era year -> last number


def _score(rng: random.Random, mean: float, spread: float = 0.7) -> int:
    return max(1, min(5, round(rng.gauss(mean, spread))))


class EvaluationDrawer:
    def __init__(self, rng: random.Random, *, templates: dict[str, int], first_ids: dict[str, int],
                 now: dt.datetime, sequences: dict[int, int]) -> None:
        self.rng, self.templates, self.now = rng, templates, now
        self.ids = dict(first_ids)
        self.rows = EvaluationRows(sequences=dict(sequences))
        self.base: dict[int, float] = {}  # member -> their self-rating before training

    def _id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1

    def _dispatch(self, session: DemoSession, template: str, phase: str, created: dt.datetime,
                  deadline: dt.datetime, dedupe_key: str | None = None) -> int:
        dispatch_id = self._id("survey_dispatch")
        self.rows.dispatches.append((dispatch_id, phase, False, deadline, "[]", dedupe_key, created,
                                     session.trainer_id, session.id, self.templates[template]))
        return dispatch_id

    def _ask(self, dispatch_id: int, created: dt.datetime, reg: DemoRegistration, answers: dict[str, Any] | None,
             answered: dt.datetime | None) -> None:
        self.rows.invites.append((self._id("survey_invite"), created, "ok", dispatch_id, reg.member.id, reg.id))
        if answers is not None and answered is not None and answered <= self.now:
            self.rows.responses.append((self._id("survey_response"), json.dumps(answers, ensure_ascii=False),
                                        self.rng.choice(("chat", "chat", "web")), len(answers), answered, answered,
                                        dispatch_id, reg.member.id))

    def _later(self, moment: dt.datetime, days: float) -> dt.datetime:
        return moment + dt.timedelta(minutes=self.rng.randint(5, max(6, int(days * 24 * 60))))

    def session(self, session: DemoSession) -> None:
        rng, course = self.rng, session.course
        seated = [r for r in session.registrations if r.status != "cancelled"]
        came = [r for r in seated if r.status in ("attended", "completed")]
        # L2 before the session: everyone with a seat is asked.
        created = at(session.start - dt.timedelta(days=2), 10)
        pre = self._dispatch(session, "l2_self_rating", "pre", created, at(session.start, 8))
        for reg in seated:
            base = self.base.setdefault(reg.member.id, min(4.2, max(1.2, rng.gauss(2.5, 0.6))))
            before = {k: _score(rng, base, 0.55) for k in ("knowledge", "skill", "confidence")}
            willing = course.response + 0.05 if reg.status != "registered" else 0.3
            self._ask(pre, created, reg, before if rng.random() < willing else None, self._later(created, 1.8))
        # After the session: L1 (answered by those who completed) and the L2 post self-rating.
        closing = at(session.end, 16)
        l1 = self._dispatch(session, "l1_satisfaction", "", closing, closing + dt.timedelta(days=7))
        post = self._dispatch(session, "l2_self_rating", "post", closing, closing + dt.timedelta(days=7))
        for reg in came:
            answers: dict[str, Any] = {k: _score(rng, course.quality + shift) for k, shift in L1_ITEMS.items()}
            if rng.random() < 0.18:
                answers["comments"] = rng.choice(COMMENTS)
            self._ask(l1, closing, reg, answers if reg.done_at else None, reg.done_at)
            after = self.base.get(reg.member.id, 2.5) + rng.gauss(course.gain, 0.4)
            rating = {k: _score(rng, after, 0.5) for k in ("knowledge", "skill", "confidence")}
            willing = course.response + (0.05 if reg.done_at else -0.35)
            self._ask(post, closing, reg, rating if rng.random() < willing else None, self._later(closing, 4))
            if reg.done_at:
                self._certificate(session, reg)
        # L3, 90 days after the session ended, for those who attended.
        moment = followup_moment(session.end)
        if came and moment <= self.now:
            l3 = self._dispatch(session, FOLLOWUP_TEMPLATE, "", moment,
                                moment + dt.timedelta(days=FOLLOWUP_ANSWER_DAYS),
                                dedupe_key=f"followup:{FOLLOWUP_TEMPLATE}:{session.id}")
            for reg in came:
                self._ask(l3, moment, reg, self._followup(course.applied) if rng.random() < course.response * 0.85 else None,
                          self._later(moment, 10))

    def _followup(self, applied: float) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < applied:
            return {"used_at_work": "yes", "frequency": rng.choice(("daily", "weekly", "weekly", "monthly", "rarely")),
                    "example": rng.choice(EXAMPLES)}
        return {"used_at_work": "no", "obstacles": rng.sample(("time", "tools", "support", "relevance"),
                                                              rng.randint(1, 2))}

    def _certificate(self, session: DemoSession, reg: DemoRegistration) -> None:
        assert reg.done_at is not None
        issued = reg.done_at + dt.timedelta(minutes=2)
        year_be = issued.astimezone(BANGKOK).year + 543
        self.rows.sequences[year_be] = self.rows.sequences.get(year_be, 0) + 1
        number = f"{NUMBER_PREFIX}-{year_be}-{self.rows.sequences[year_be]:06d}"
        check = "".join(self.rng.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))
        self.rows.certificates.append((self._id("certificate"), number, check, reg.member.official_name,
                                       session.course.hours, issued, None, "", issued, session.course.id,
                                       reg.member.id, session.id, reg.id))

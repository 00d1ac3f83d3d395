"""Consent (PDPA), onboarding and profile: the messages and their buttons (pure builders).

Builders take a `pb(action, **params) -> str` callable that signs postback data for the member.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.render import texts
from bot.render.messages import Action, Message, postback_action, text

PostbackSigner = Callable[..., str]
SHORT_GROUP_LABELS = {
    "executive": "ผู้บริหารระดับสูง",
    "director": "ผู้อำนวยการกอง",
    "policy_academic": "นโยบาย/วิชาการ",
    "service": "งานบริการ",
    "technologist": "สายเทคโนโลยี",
    "other": "อื่น ๆ",
}
NOT_LISTED = "ไม่มีในรายการ"
MAX_GROUP_CHOICES = 12
MAX_AGENCY_CHOICES = 5


def greeting() -> Message:
    """The welcome on follow: it names no one (a LINE display name is not how the service addresses people)."""
    return text(texts.GREETING)


def consent_quick(pb: PostbackSigner) -> list[Action]:
    return [
        postback_action(texts.CONSENT_ACCEPT, pb("consent"), display_text=texts.CONSENT_ACCEPT),
        postback_action(texts.CONSENT_DECLINE, pb("consent_no"), display_text=texts.CONSENT_DECLINE),
    ]


def consent_request(pb: PostbackSigner, *, remind: bool = False) -> Message:
    """The privacy notice with its two buttons; `remind`: first say that nothing works without consent."""
    body = f"{texts.CONSENT_REQUIRED}\n\n{texts.CONSENT}" if remind else texts.CONSENT
    return text(body, quick=consent_quick(pb))


def consent_declined(pb: PostbackSigner) -> Message:
    return text(texts.CONSENT_DECLINED, quick=[
        postback_action(texts.START_AGAIN_LABEL, pb("start"), display_text=texts.START_AGAIN_LABEL)])


def group_label(code: str | None) -> str:
    return SHORT_GROUP_LABELS.get(code or "", code or "-")


def ask_target_group(groups: Sequence[Any], pb: PostbackSigner, *, onboarding: bool) -> Message:
    """The target groups as buttons (`groups`: code and name_th); during onboarding with a skip button and the
    thanks for consenting."""
    actions = [
        postback_action(SHORT_GROUP_LABELS.get(g.code, g.name_th), pb("tg", g=g.code, o=int(onboarding)),
                        display_text=g.name_th)
        for g in groups
    ][:MAX_GROUP_CHOICES]
    if onboarding:
        actions.append(postback_action(texts.PROFILE_SKIP, pb("tg", g="", o=1), display_text=texts.PROFILE_SKIP))
    else:
        actions.append(keep_action(pb))
    body = texts.ASK_TARGET_GROUP if onboarding else texts.ASK_TARGET_GROUP_CHANGE
    return text(body, quick=actions)


def keep_action(pb: PostbackSigner) -> Action:
    """"ไม่เปลี่ยน": leave the profile as it is."""
    return postback_action(texts.PROFILE_KEEP, pb("pf_keep"), display_text=texts.PROFILE_KEEP)


def ask_agency(pb: PostbackSigner, *, onboarding: bool = True) -> Message:
    """The agency question: during onboarding it may be skipped; when changing it, left as it is."""
    if not onboarding:
        return text(texts.ASK_AGENCY, quick=[keep_action(pb)])
    return text(texts.ASK_AGENCY, quick=[
        postback_action(texts.PROFILE_SKIP, pb("ag", a=""), display_text=texts.PROFILE_SKIP)])


def pick_agency(candidates: Sequence[Any], pb: PostbackSigner) -> Message:
    """Agencies whose names resemble what the member typed (`candidates`: id, name, short_name)."""
    quick = [postback_action(c.short_name or c.name, pb("ag", a=c.id), display_text=c.name)
             for c in candidates[:MAX_AGENCY_CHOICES]]
    quick.append(postback_action(NOT_LISTED, pb("ag", a=""), display_text=NOT_LISTED))
    return text(texts.AGENCY_PICK, quick=quick)


def agency_saved(agency_name: str) -> str:
    return texts.AGENCY_SAVED.format(agency=agency_name) + "\n" + texts.PROFILE_DONE


def agency_not_found(typed: str) -> str:
    return texts.AGENCY_NOT_FOUND.format(text=typed[:100]) + "\n" + texts.PROFILE_DONE


def profile_menu(*, target_group: str | None, agency: str, pb: PostbackSigner) -> Message:
    body = texts.PROFILE_MENU.format(group=group_label(target_group), agency=agency or "-")
    return text(body, quick=[
        postback_action(texts.PROFILE_GROUP, pb("pf", f="group"), display_text=texts.PROFILE_GROUP),
        postback_action(texts.PROFILE_AGENCY, pb("pf", f="agency"), display_text=texts.PROFILE_AGENCY),
        keep_action(pb),
    ])

"""A member's personal data: the privacy menu, the copy's download link, the deletion and its report."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.render import texts
from bot.render.messages import Action, Message, bubble, button, flex, postback_action, t, text

if TYPE_CHECKING:
    from backend.services.members.views import DeletionReport

PostbackSigner = Callable[..., str]


def privacy_menu(pb: PostbackSigner) -> Message:
    return text(texts.PRIVACY_MENU, quick=[
        postback_action(texts.PRIVACY_EXPORT, pb("priv_copy"), display_text=texts.PRIVACY_EXPORT),
        postback_action(texts.PRIVACY_DELETE, pb("priv_del"), display_text=texts.PRIVACY_DELETE),
        postback_action(texts.CANCEL, pb("priv_no"), display_text=texts.CANCEL),
    ])


def copy_link(url: str, *, quick: list[Action]) -> Message:
    card = bubble(body=[t(texts.EXPORT_READY)],
                  footer=[button({"type": "uri", "label": texts.EXPORT_BUTTON, "uri": url}, primary=True)])
    return flex(texts.EXPORT_ALT, card, quick=quick)


def confirm_delete(pb: PostbackSigner) -> Message:
    return text(texts.DELETE_CONFIRM, quick=[
        postback_action(texts.DELETE_YES, pb("del_ok"), display_text=texts.DELETE_YES),
        postback_action(texts.CANCEL, pb("del_no"), display_text=texts.CANCEL),
    ])


def deletion_report(report: DeletionReport, pb: PostbackSigner) -> Message:
    """What was deleted (`report`: members.delete_member_data's), and the way back in."""
    fields = [texts.DELETED_FIELD_NAMES.get(f, f) for f in report.cleared_fields]
    lines = [texts.DELETED_PERSONAL.format(fields=", ".join(dict.fromkeys(f for f in fields if f)))] if fields else []
    if report.registrations_cancelled:
        lines.append(texts.DELETED_REGISTRATIONS.format(count=len(report.registrations_cancelled)))
    if report.registrations_kept_anonymous:
        lines.append(texts.DELETED_HISTORY_KEPT.format(count=report.registrations_kept_anonymous))
    lines.append(texts.DELETED_MESSAGES.format(count=report.conversation_messages_deleted))
    if report.certificates_anonymised:
        lines.append(texts.DELETED_CERTIFICATE_NAMES.format(count=report.certificates_anonymised))
    return text(texts.DELETE_DONE.format(details="\n".join(lines)), quick=[
        postback_action(texts.START_AGAIN_LABEL, pb("start"), display_text=texts.START_AGAIN_LABEL)])

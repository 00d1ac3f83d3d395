"""What can go wrong with a survey, in words the member or the trainer understands."""

from __future__ import annotations

from backend.services.errors import Conflict, DomainError, NotAllowed, NotFound


class SurveyNotFound(NotFound):
    code = "survey_not_found"
    default_detail = "survey not found"
    default_message_th = "ขออภัยค่ะ ไม่พบแบบประเมินนี้"


class TemplateNotFound(NotFound):
    code = "survey_template_not_found"
    default_detail = "survey template not found"
    default_message_th = "ขออภัยค่ะ ไม่พบแบบฟอร์มประเมินนี้"


class SurveyClosed(Conflict):
    code = "survey_closed"
    status = 410
    default_detail = "the survey deadline has passed"
    default_message_th = "ขออภัยค่ะ แบบประเมินนี้ปิดรับคำตอบแล้ว"


class SurveyAlreadyOpen(Conflict):
    code = "survey_already_open"
    default_detail = "this survey is already open for the session"
    default_message_th = "แบบประเมินนี้ส่งถึงรุ่นนี้แล้วและยังเปิดรับคำตอบอยู่ค่ะ"


class NotInvited(NotAllowed):
    code = "not_invited"
    default_detail = "this member was not asked to answer this survey"
    default_message_th = "ขออภัยค่ะ แบบประเมินนี้ไม่ได้ส่งถึงท่าน"


class FormLinkInvalid(DomainError):
    """A form link that is forged, expired or belongs to another survey or person."""

    code = "form_link_invalid"
    status = 403
    default_detail = "invalid form link"
    default_message_th = "ขออภัยค่ะ ลิงก์แบบประเมินนี้ไม่ถูกต้อง"

    def __init__(self, reason: str) -> None:
        messages = {
            "forged": ("the link signature is invalid", "ขออภัยค่ะ ลิงก์แบบประเมินนี้ไม่ถูกต้อง "
                       "กรุณาเปิดจากข้อความใน LINE อีกครั้ง"),
            "expired": ("the link has expired", "ขออภัยค่ะ ลิงก์นี้หมดอายุแล้ว แบบประเมินปิดรับคำตอบแล้ว"),
            "not_yours": ("the link belongs to another survey or person",
                          "ขออภัยค่ะ ลิงก์นี้ไม่ใช่ของท่านหรือไม่ใช่ของแบบประเมินนี้"),
        }
        detail, message = messages[reason]
        super().__init__(detail, message_th=message, reason=reason)
        self.reason = reason
        if reason == "expired":
            self.status = 410

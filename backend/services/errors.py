"""Domain errors raised by the services.

Each has a stable machine `code` (the API returns it, the bot chooses its wording by it), an HTTP-ish
`status` for the REST API, an English `detail` for logs and API clients, and a polite Thai `message_th`
that can be shown to a user as is (THAI_STYLE.md: ท่าน, at most one ค่ะ/คะ).
"""

from __future__ import annotations

from typing import Any, ClassVar

# Refusals said the same way wherever they are met (the REST API and the admin pages).
ADMIN_ONLY_TH = "เฉพาะผู้ดูแลระบบเท่านั้น"
OWN_SESSIONS_ONLY_TH = "เข้าถึงได้เฉพาะรุ่นที่ท่านเป็นวิทยากร"


class DomainError(Exception):
    code: ClassVar[str] = "domain_error"
    status: int = 400  # per class; an instance may differ (an expired survey link is 410)
    default_detail: ClassVar[str] = "request cannot be completed"
    default_message_th: ClassVar[str] = "ขออภัยค่ะ ไม่สามารถดำเนินการได้ในขณะนี้"

    def __init__(self, detail: str | None = None, *, message_th: str | None = None, **context: Any) -> None:
        self.detail = detail or self.default_detail
        self.message_th = message_th or self.default_message_th
        self.context = context
        super().__init__(self.detail)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": self.detail, "code": self.code, "message_th": self.message_th}
        if self.context:
            body["context"] = self.context
        return body


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_detail = "not found"
    default_message_th = "ขออภัยค่ะ ไม่พบข้อมูลที่ต้องการ"


class CourseNotFound(NotFound):
    code = "course_not_found"
    default_detail = "course not found"
    default_message_th = "ขออภัยค่ะ ไม่พบหลักสูตรนี้"


class SessionNotFound(NotFound):
    code = "session_not_found"
    default_detail = "session not found"
    default_message_th = "ขออภัยค่ะ ไม่พบรุ่นที่เลือก"


class RegistrationNotFound(NotFound):
    code = "registration_not_found"
    default_detail = "registration not found"
    default_message_th = "ขออภัยค่ะ ไม่พบรายการสมัครนี้"


class MemberNotFound(NotFound):
    code = "member_not_found"
    default_detail = "member not found"
    default_message_th = "ขออภัยค่ะ ไม่พบข้อมูลสมาชิก"


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_detail = "conflict with the current state"
    default_message_th = "ขออภัยค่ะ ข้อมูลขัดแย้งกับที่มีอยู่"


class AlreadyExists(Conflict):
    code = "already_exists"
    default_detail = "already exists"
    default_message_th = "ขออภัยค่ะ มีข้อมูลนี้อยู่แล้ว"


class AlreadyRegistered(Conflict):
    code = "already_registered"
    default_detail = "already registered for this session"
    default_message_th = "ท่านสมัครรุ่นนี้ไว้แล้วค่ะ"


class SessionFull(Conflict):
    """Raised only where a waitlist is not an option (e.g. lowering capacity below seats taken)."""

    code = "session_full"
    default_detail = "session is full"
    default_message_th = "ขออภัยค่ะ รุ่นนี้เต็มแล้ว"


class RegistrationClosed(Conflict):
    code = "registration_closed"
    default_detail = "registration for this session is closed"
    default_message_th = "ขออภัยค่ะ รุ่นนี้ปิดรับสมัครแล้ว"


class RegistrationNotOpenYet(Conflict):
    code = "registration_not_open_yet"
    default_detail = "registration for this session has not opened yet"
    default_message_th = "รุ่นนี้ยังไม่เปิดรับสมัครค่ะ"


class SessionPast(Conflict):
    code = "session_past"
    default_detail = "session has already started or ended"
    default_message_th = "ขออภัยค่ะ รุ่นนี้เริ่มอบรมหรือจบไปแล้ว"


class SessionCancelled(Conflict):
    code = "session_cancelled"
    default_detail = "session is cancelled"
    default_message_th = "ขออภัยค่ะ รุ่นนี้ถูกยกเลิกแล้ว"


class CourseNotAvailable(Conflict):
    code = "course_not_available"
    default_detail = "course is not open for registration (draft or retired)"
    default_message_th = "ขออภัยค่ะ หลักสูตรนี้ไม่เปิดรับสมัครแล้ว"


class NotCancellable(Conflict):
    code = "not_cancellable"
    default_detail = "registration cannot be cancelled in its current state"
    default_message_th = "ขออภัยค่ะ รายการนี้ยกเลิกไม่ได้แล้ว"


class ConsentRequired(DomainError):
    code = "consent_required"
    status = 403
    default_detail = "the member has not given consent"
    default_message_th = "กรุณายินยอมให้ใช้ข้อมูลส่วนบุคคลก่อนใช้งานค่ะ"


class Unauthorized(DomainError):
    """No valid credentials (the API answers 401 with WWW-Authenticate: Bearer)."""

    code = "unauthorized"
    status = 401
    default_detail = "a valid API token is required (Authorization: Bearer <token>)"
    default_message_th = "กรุณาเข้าสู่ระบบก่อนค่ะ"


class NotAllowed(DomainError):
    code = "not_allowed"
    status = 403
    default_detail = "not allowed"
    default_message_th = "ขออภัยค่ะ ท่านไม่มีสิทธิ์ทำรายการนี้"


class ValidationFailed(DomainError):
    """Input that passed the schema but breaks a domain rule; `errors` names the fields."""

    code = "validation_failed"
    status = 422
    default_detail = "validation failed"
    default_message_th = "ข้อมูลไม่ถูกต้อง กรุณาตรวจสอบอีกครั้งค่ะ"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, str]] | None = None,
        message_th: str | None = None,
        **context: Any,
    ) -> None:
        super().__init__(detail, message_th=message_th, **context)
        self.errors = errors or []

    @classmethod
    def field(cls, field: str, reason: str) -> ValidationFailed:
        return cls(f"{field}: {reason}", errors=[{"field": field, "reason": reason}])

    def to_dict(self) -> dict[str, Any]:
        body = super().to_dict()
        body["errors"] = self.errors
        return body


class TooManyRequests(DomainError):
    """A caller went over its request budget; `retry_after` seconds until it may ask again."""

    code = "too_many_requests"
    status = 429
    default_detail = "too many requests"
    default_message_th = "มีการเรียกใช้ถี่เกินไป กรุณารอสักครู่แล้วลองใหม่ค่ะ"

    def __init__(self, retry_after: int, detail: str | None = None, *, message_th: str | None = None) -> None:
        super().__init__(detail, message_th=message_th)
        self.retry_after = max(1, int(retry_after))

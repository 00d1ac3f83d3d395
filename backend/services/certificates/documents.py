"""What a certificate's PDF is made from: the certificate, its holder's official name and the signature block.

The document is rendered at every download from what is stored now, so a corrected name is printed at the
next download, under the same number and check code.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.models import Certificate
from backend.services.certificates.signatories import Signatory, signatory_for_provider
from backend.services.certificates.views import CertificateNotFound, CertificateView, certificate_view
from backend.services.errors import Conflict, DomainError


class CertificateRevoked(DomainError):
    code = "certificate_revoked"
    status = 410
    default_detail = "certificate revoked"
    default_message_th = "วุฒิบัตรนี้ถูกเพิกถอนแล้ว จึงดาวน์โหลดไม่ได้"


class HolderDataErased(DomainError):
    code = "certificate_holder_erased"
    status = 410
    default_detail = "the holder's personal data was erased at their request"
    default_message_th = "ข้อมูลส่วนบุคคลของผู้ได้รับวุฒิบัตรนี้ถูกลบตามคำขอแล้ว จึงดาวน์โหลดไม่ได้"


class OfficialNameMissing(Conflict):
    code = "official_name_missing"
    default_detail = "the holder has not given their official name yet"
    default_message_th = ("วุฒิบัตรต้องระบุคำนำหน้า ชื่อ และนามสกุลตามที่ใช้ในราชการ "
                          "กรุณาพิมพ์ \"แก้ไขชื่อ-นามสกุล\" ในแชตเพื่อแจ้งชื่อก่อน")


@dataclass(frozen=True)
class CertificateDocument:
    view: CertificateView
    signatory: Signatory


async def certificate_document(number: str) -> CertificateDocument:
    """The certificate as its PDF prints it. Raises CertificateNotFound, CertificateRevoked, HolderDataErased
    and OfficialNameMissing (a certificate from before official names, whose holder has not given one)."""
    cert = await Certificate.get_or_none(number=number).select_related("member")
    if cert is None:
        raise CertificateNotFound(number=number)
    if cert.revoked_at is not None:
        raise CertificateRevoked(number=number)
    if cert.member.deleted_at is not None:
        raise HolderDataErased(number=number)
    if not cert.member.official_first_name:
        raise OfficialNameMissing(number=number)
    view = await certificate_view(cert)
    return CertificateDocument(view=view, signatory=await signatory_for_provider(view.provider_id))

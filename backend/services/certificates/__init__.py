"""Certificates (วุฒิบัตร): who has earned one (the rule per course), the official name they carry, numbering
and check codes, issuing, the signature block per provider, verification and download links.

The package's modules, by what they do:

- rules: the rule per course and whether a registration meets it
- numbering: certificate numbers (ONDE-2569-000123) and check codes
- issuing: completing registrations, issuing once the official name is known, asking for it, revoking
- views: certificates as plain data (the verification page, a member's list)
- documents: what a certificate's PDF is made from (the current official name, the signature block)
- signatories: who signs, per provider, with ONDE's signatory as the default (admins edit it)
- links: the signed download link and the verification link
"""

from __future__ import annotations

from backend.services.certificates.documents import (
    CertificateDocument,
    CertificateRevoked,
    HolderDataErased,
    OfficialNameMissing,
    certificate_document,
)
from backend.services.certificates.issuing import (
    AnswerOutcome,
    NameRequest,
    OfficialNameSaved,
    certificates_to_push,
    form_asks_official_name,
    issue_after_answer,
    issue_for_member,
    issue_for_session,
    issue_if_eligible,
    issue_pending,
    mark_announced,
    mark_pushed,
    official_names_to_request,
    revoke,
    save_official_name,
    waiting_for_official_name,
)
from backend.services.certificates.links import check_download_token, download_url, verify_url
from backend.services.certificates.numbering import (
    CHECK_ALPHABET,
    CHECK_LENGTH,
    NUMBER_PREFIX,
    formatted_check_code,
    new_check_code,
    normalize_check_code,
)
from backend.services.certificates.rules import Rule, is_eligible, rule_for_course, set_rule
from backend.services.certificates.signatories import (
    DEFAULT_POSITION,
    DEFAULT_SIGNATORY,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_SIDE,
    ONDE_NAME,
    ProviderNotFound,
    Signatory,
    SignatorySetting,
    check_signature_image,
    list_signatory_settings,
    reset_signatory,
    save_signatory,
    signatory_for_provider,
    signatory_setting,
    signature_image,
)
from backend.services.certificates.views import (
    CertificateNotFound,
    CertificateView,
    MemberCertificate,
    certificate_view,
    certificates_of_member,
    verify,
)

__all__ = [
    "CHECK_ALPHABET",
    "CHECK_LENGTH",
    "DEFAULT_POSITION",
    "DEFAULT_SIGNATORY",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_SIDE",
    "NUMBER_PREFIX",
    "ONDE_NAME",
    "AnswerOutcome",
    "CertificateDocument",
    "CertificateNotFound",
    "CertificateRevoked",
    "CertificateView",
    "HolderDataErased",
    "MemberCertificate",
    "NameRequest",
    "OfficialNameMissing",
    "OfficialNameSaved",
    "ProviderNotFound",
    "Rule",
    "Signatory",
    "SignatorySetting",
    "certificate_document",
    "certificate_view",
    "certificates_of_member",
    "certificates_to_push",
    "check_download_token",
    "check_signature_image",
    "download_url",
    "form_asks_official_name",
    "formatted_check_code",
    "is_eligible",
    "issue_after_answer",
    "issue_for_member",
    "issue_for_session",
    "issue_if_eligible",
    "issue_pending",
    "list_signatory_settings",
    "mark_announced",
    "mark_pushed",
    "new_check_code",
    "normalize_check_code",
    "official_names_to_request",
    "reset_signatory",
    "revoke",
    "rule_for_course",
    "save_official_name",
    "save_signatory",
    "set_rule",
    "signatory_for_provider",
    "signatory_setting",
    "signature_image",
    "verify",
    "verify_url",
    "waiting_for_official_name",
]

"""Links printed or sent for a certificate: the signed PDF download and the public verification page."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="certificate-download-v1")


def download_url(public_base_url: str, secret_key: str, number: str) -> str:
    token = _serializer(secret_key).dumps(number)
    return f"{public_base_url.rstrip('/')}/certificates/{number}.pdf?t={token}"


def check_download_token(secret_key: str, number: str, token: str) -> bool:
    try:
        return bool(_serializer(secret_key).loads(token) == number)
    except BadSignature:
        return False


def verify_url(public_base_url: str, number: str, check_code: str) -> str:
    """The public verification page of one certificate (printed as a QR code): number and check code."""
    return f"{public_base_url.rstrip('/')}/verify/{number}?c={check_code}"

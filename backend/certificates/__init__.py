"""Certificate documents (PDF in Thai with a verification QR code)."""

"""The admin web: server-rendered Thai pages for ONDE staff, agency HR and trainers (/admin)."""

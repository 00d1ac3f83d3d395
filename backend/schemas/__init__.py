"""Pydantic v2 request and response schemas of the REST API."""

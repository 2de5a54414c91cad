"""Typed shapes of what the API reads and writes (pydantic, through django-ninja)."""

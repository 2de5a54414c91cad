"""The programme's planned activity and guests (tests/programme/conftest.py)."""

from tests.programme.conftest import activity, clock, english, guests, invited

__all__ = ["activity", "clock", "english", "guests", "invited"]

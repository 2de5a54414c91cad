"""Record ids as the API takes them: positive and within a 64-bit integer, so an
absurd id is a clear 422 rather than a database error."""

from typing import Annotated

from pydantic import Field

__all__ = ["Id"]

Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

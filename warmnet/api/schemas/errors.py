"""The shapes of error responses, so the OpenAPI document lists every answer."""

from typing import Any

from ninja import Schema

__all__ = ["Message", "Problem", "ValidationProblem", "read_responses", "write_responses"]


class Message(Schema):
    """Why the request was refused, in a sentence."""

    detail: str


class Problem(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationProblem(Schema):
    """What is wrong with the request, one entry per field (``loc`` names it)."""

    detail: list[Problem]


def read_responses(ok: Any) -> dict[int, Any]:
    return {
        200: ok,
        304: None,
        400: Message,
        401: Message,
        403: Message,
        404: Message,
        422: ValidationProblem,
        429: Message,
    }


def write_responses(ok: Any, status: int = 200) -> dict[int, Any]:
    return {
        status: ok,
        400: Message,
        401: Message,
        403: Message,
        404: Message,
        409: Message,
        422: ValidationProblem,
        429: Message,
    }

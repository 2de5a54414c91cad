"""The 400 page: the product's layout, and the reason when it is one of ours."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from warmnet.network.params import BadQuery


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    detail = str(exception) if isinstance(exception, BadQuery) else ""
    return render(request, "400.html", {"detail": detail}, status=400)

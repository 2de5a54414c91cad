"""The OpenAPI document and the docs page: every operation, nothing from a CDN."""

from __future__ import annotations

import re

from django.test import Client

from tests.api.walk import operations


def test_the_openapi_document_lists_every_operation(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    listed = {(method.upper(), path) for path, item in document["paths"].items() for method in item}
    assert listed == {(op.method, "/api/v1" + op.path) for op in operations()}
    assert document["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }


def test_the_docs_page_loads_swagger_ui_from_this_site(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/") for s in sources), sources
    assert "<script>" not in html  # only files and a JSON data block: fit for a strict CSP

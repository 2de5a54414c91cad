"""The API keeps to its own OpenAPI document, against a live server, on this database.

Schemathesis generates requests from the published schema, valid ones and invalid
ones, for every operation, with a coordinator's read-write token for network A.  No
answer may be a 5xx, every answer must be one the schema lists and match its shape,
and invalid input must be refused with a 4xx.  Examples are few per operation
(``EXAMPLES``) so this costs seconds in the suite, and derandomised so a failure
shows again on the next run.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.specs.openapi import checks

from tests.api.conftest import World, path_ids, token

#: Generated requests per operation and mode; 35 operations, two modes.
EXAMPLES = 6

POSITIVE_CHECKS = [
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
NEGATIVE_CHECKS = [checks.negative_data_rejection, checks.status_code_conformance]


def _run(case: Any, base_url: str, headers: dict[str, str], extra: list[Any]) -> None:
    response = case.call(base_url=base_url, headers=headers)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code}"
    )
    case.validate_response(response, checks=extra, headers=headers)


@pytest.mark.slow
def test_every_operation_keeps_to_the_schema(
    world: World, alice: Any, live_server: Any, transactional_db: Any, settings_rate: None
) -> None:
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    headers = {"Authorization": f"Bearer {token(alice, world.network, write=True)}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    # Deletes last: the others need A's rows to be there.
    operations.sort(key=lambda op: op.method.upper() == "DELETE")
    for operation in operations:
        for mode, extra in (
            (schemathesis.GenerationMode.POSITIVE, POSITIVE_CHECKS),
            (schemathesis.GenerationMode.NEGATIVE, NEGATIVE_CHECKS),
        ):
            try:
                _fuzz(operation, mode, extra, world, live_server.url, headers)
            except Unsatisfiable:
                # Nothing in this operation can be made invalid (no parameters, no body).
                assert mode == schemathesis.GenerationMode.NEGATIVE, operation.label
            except Exception as exc:  # collect every operation's failure, then report all
                failures.append(f"{mode.name} {operation.label}: {exc}")
    assert failures == [], "\n\n".join(failures)


def _fuzz(
    operation: Any,
    mode: schemathesis.GenerationMode,
    extra: list[Any],
    world: World,
    base_url: str,
    headers: dict[str, str],
) -> None:
    path_parameters = {"network": world.network.slug} if "{network}" in operation.path else {}
    strategy = operation.as_strategy(
        generation_mode=mode, path_parameters=path_parameters, headers=headers
    )

    @given(case=strategy, real=st.booleans())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any, real: bool) -> None:
        # Valid requests half of the time at A's real rows, so they do real work.
        if real and mode == schemathesis.GenerationMode.POSITIVE:
            _realistic(case, world)
        _run(case, base_url, headers, extra)

    check()


def _realistic(case: Any, world: World) -> None:
    """Point a generated request at A's real rows: ids in the path and in the body."""
    for name, value in path_ids(case.path, world).items():
        if isinstance(case.path_parameters.get(name), int):
            case.path_parameters[name] = value
    real = {
        "host_organisation_id": world.org.pk,
        "dossier_id": world.dossier.pk,
        "member_a_id": world.alice.pk,
        "member_b_id": world.henk.pk,
        "activity_id": world.activity.pk,
        "member_id": world.henk.pk,
    }
    bodies = [case.body] if isinstance(case.body, dict) else []
    if isinstance(case.body, dict) and isinstance(case.body.get("items"), list):
        case.body["items"] = case.body["items"][:1]  # one row: no pair named twice
        bodies += [item for item in case.body["items"] if isinstance(item, dict)]
    for body in bodies:
        for name, value in real.items():
            if name in body and isinstance(body[name], int):
                body[name] = value
        # Moments and days in the years the API takes, an end or a duration.
        if "start" in body:
            body["start"] = "2024-05-01T10:00:00+02:00"
            body.pop("end", None)
            body["duration_minutes"] = 90
        if "date" in body:
            body["date"] = "2024-05-02"


@pytest.fixture
def settings_rate(settings: Any) -> None:
    """Many requests in a minute with one token: not what this test is about."""
    settings.WARMNET_API_RATE_PER_MINUTE = 1_000_000

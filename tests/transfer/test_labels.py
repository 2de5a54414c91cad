"""Choice labels are accepted in English and in Dutch, as the model choices spell them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import trans_real

from warmnet.activities.models import ActivityKind
from warmnet.network.models import Role
from warmnet.transfer.labels import choice_table, fold
from warmnet.transfer.values import CellError, parse_choice


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("informal meeting", ActivityKind.INFORMAL_MEETING),
        ("informal_meeting", ActivityKind.INFORMAL_MEETING),
        ("INFORMAL-MEETING", ActivityKind.INFORMAL_MEETING),
        ("3", ActivityKind.INFORMAL_MEETING),
        ("outing (a show, a match)", ActivityKind.OUTING),
        ("mixed", ActivityKind.MIXED),
        ("Outing", ActivityKind.OUTING),
        ("peer consultation", ActivityKind.PEER_CONSULTATION),
    ],
)
def test_english_labels_codes_and_numbers(written: str, expected: int) -> None:
    assert parse_choice(written, choice_table(ActivityKind)) == expected


def test_a_role_is_read_with_or_without_its_accent() -> None:
    table = choice_table(Role)
    assert parse_choice("coördinator", table) == parse_choice("Coordinator", table) == 0


def test_an_unknown_label_is_an_error() -> None:
    with pytest.raises(CellError):
        parse_choice("brainstorm", choice_table(ActivityKind))


def test_dutch_labels_come_from_the_translation_catalogue(monkeypatch: Any) -> None:
    # The Dutch catalogue is compiled by the project; simulate its entries here.
    dutch = trans_real.translation("nl")
    original = dutch.gettext
    fake = {"informal meeting": "informeel overleg", "core team": "kernteam"}
    monkeypatch.setattr(dutch, "gettext", lambda message: fake.get(message) or original(message))
    assert parse_choice("Informeel overleg", choice_table(ActivityKind)) == 3
    assert parse_choice("kernteam", choice_table(Role)) == Role.CORE_TEAM
    assert fold("Kern-team") == "kernteam"

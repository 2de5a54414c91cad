"""The database's small-integer codes are the engine's enums, value for value."""

from __future__ import annotations

from enum import IntEnum

import pytest
from django.db.models import IntegerChoices

from warmnet.activities.models import ActivityKind, AttendanceStatus
from warmnet.dossiers.models import MilestoneKind, Outcome, PointKind, PointStatus, Stance
from warmnet.engine import data as engine
from warmnet.network.models import OrganisationKind, Role

PAIRS = [
    (OrganisationKind, engine.OrganisationKind),
    (Role, engine.MemberRole),
    (ActivityKind, engine.ActivityKind),
    (AttendanceStatus, engine.AttendanceStatus),
    (PointKind, engine.PointKind),
    (PointStatus, engine.PointStatus),
    (Stance, engine.Stance),
    (MilestoneKind, engine.MilestoneKind),
    (Outcome, engine.HardMomentOutcome),
]


@pytest.mark.parametrize(("django_choices", "engine_enum"), PAIRS)
def test_codes_match_the_engine(
    django_choices: type[IntegerChoices], engine_enum: type[IntEnum]
) -> None:
    assert {c.name: c.value for c in django_choices} == {e.name: e.value for e in engine_enum}


def test_every_activity_kind_has_a_default_relationship_share() -> None:
    assert set(engine.DEFAULT_RELATIONSHIP_SHARE) == set(engine.ActivityKind)
    assert all(0.0 <= v <= 1.0 for v in engine.DEFAULT_RELATIONSHIP_SHARE.values())

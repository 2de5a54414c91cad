"""Small hand-built networks for the engine's tests: no database, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pytest

from warmnet.engine import graphs
from warmnet.engine.data import (
    DEFAULT_RELATIONSHIP_SHARE,
    ActivityKind,
    AttendanceStatus,
    NetworkData,
    PointKind,
    PointStatus,
)

NAT = np.datetime64("NaT", "D")


@dataclass
class Net:
    """Builds a NetworkData row by row, the way a coordinator would record it."""

    orgs: list[str] = field(default_factory=list)
    members: list[tuple[str, int, str | None, str | None]] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    attendance: list[tuple[int, int, int]] = field(default_factory=list)
    contacts: list[tuple[int, int, str]] = field(default_factory=list)
    dossiers: list[str] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)
    positions: list[tuple[int, int, int, int, str | None]] = field(default_factory=list)
    milestones: list[tuple[int, str, int, str]] = field(default_factory=list)
    hard_moments: list[tuple[str, int, list[int]]] = field(default_factory=list)
    status_changes: list[tuple[int, int, str]] = field(default_factory=list)
    #: Activities given to the minute in local (Amsterdam) time: row -> "YYYY-MM-DDTHH:MM".
    local_starts: dict[int, str] = field(default_factory=dict)

    def org(self, name: str) -> int:
        self.orgs.append(name)
        return len(self.orgs) - 1

    def member(
        self, name: str, org: int, joined: str | None = "2020-01-01", left: str | None = None
    ) -> int:
        self.members.append((name, org, joined, left))
        return len(self.members) - 1

    def activity(
        self,
        day: str,
        attendees: Sequence[int],
        hours: float = 2.0,
        kind: ActivityKind = ActivityKind.WORKING_SESSION,
        share: float | None = None,
        status: AttendanceStatus = AttendanceStatus.ATTENDED,
        host: int = -1,
        dossier: int = -1,
    ) -> int:
        self.activities.append(
            {
                "day": day,
                "hours": hours,
                "kind": int(kind),
                "share": DEFAULT_RELATIONSHIP_SHARE[kind] if share is None else share,
                "host": host,
                "dossier": dossier,
            }
        )
        row = len(self.activities) - 1
        for m in attendees:
            self.attendance.append((m, row, int(status)))
        return row

    def attend(self, member: int, activity: int, status: AttendanceStatus) -> None:
        self.attendance.append((member, activity, int(status)))

    def contact(self, a: int, b: int, day: str) -> None:
        self.contacts.append((a, b, day))

    def dossier(self, name: str) -> int:
        self.dossiers.append(name)
        return len(self.dossiers) - 1

    def point(
        self,
        title: str,
        dossier: int = 0,
        kind: PointKind = PointKind.DISPUTE,
        status: PointStatus = PointStatus.OPEN,
        opened: str = "2020-01-01",
        since: str | None = None,
    ) -> int:
        self.points.append(
            {
                "title": title,
                "dossier": dossier,
                "kind": int(kind),
                "status": int(status),
                "opened": opened,
                "since": since or opened,
            }
        )
        return len(self.points) - 1

    def position(
        self, point: int, stance: int, member: int = -1, org: int = -1, day: str | None = None
    ) -> None:
        self.positions.append((point, member, org, stance, day))

    def milestone(self, kind: int, day: str, dossier: int = -1, title: str = "") -> int:
        self.milestones.append((kind, day, dossier, title or f"milestone {len(self.milestones)}"))
        return len(self.milestones) - 1

    def hard_moment(self, day: str, outcome: int, parties: Sequence[int] = ()) -> int:
        self.hard_moments.append((day, int(outcome), list(parties)))
        return len(self.hard_moments) - 1

    def status(self, point: int, status: PointStatus, day: str) -> None:
        self.status_changes.append((point, int(status), day))

    def at_local(self, when: str, attendees: Sequence[int], **kwargs) -> int:
        """An activity starting at a local (Europe/Amsterdam) time, stored as UTC."""
        row = self.activity(when[:10], attendees, **kwargs)
        self.local_starts[row] = when
        return row

    def build(self) -> NetworkData:
        def days(values: Sequence[str | None]) -> np.ndarray:
            return np.array(
                [NAT if v is None else np.datetime64(v, "D") for v in values], dtype="datetime64[D]"
            )

        acts = self.activities

        def start(i: int, a: dict) -> np.datetime64:
            if i in self.local_starts:
                from datetime import datetime
                from zoneinfo import ZoneInfo

                local = datetime.fromisoformat(self.local_starts[i]).replace(
                    tzinfo=ZoneInfo("Europe/Amsterdam")
                )
                return np.datetime64(int(local.timestamp()), "s")
            return np.datetime64(a["day"], "D").astype("datetime64[s]") + 36000

        moments = self.hard_moments
        return NetworkData(
            org_id=np.arange(len(self.orgs), dtype=np.int64) + 100,
            org_kind=np.zeros(len(self.orgs), dtype=np.int8),
            org_name=list(self.orgs),
            member_id=np.arange(len(self.members), dtype=np.int64) + 1000,
            member_org=np.array([m[1] for m in self.members], dtype=np.int64),
            member_role=np.full(len(self.members), 2, dtype=np.int8),
            member_joined=days([m[2] for m in self.members]),
            member_left=days([m[3] for m in self.members]),
            member_name=[m[0] for m in self.members],
            activity_id=np.arange(len(acts), dtype=np.int64),
            activity_kind=np.array([a["kind"] for a in acts], dtype=np.int8),
            activity_share=np.array([a["share"] for a in acts], dtype=np.float64),
            activity_start=np.array(
                [start(i, a) for i, a in enumerate(acts)], dtype="datetime64[s]"
            ),
            activity_hours=np.array([a["hours"] for a in acts], dtype=np.float64),
            activity_host_org=np.array([a["host"] for a in acts], dtype=np.int64),
            activity_dossier=np.array([a["dossier"] for a in acts], dtype=np.int64),
            activity_title=[f"activity {i}" for i in range(len(acts))],
            attendance_member=np.array([r[0] for r in self.attendance], dtype=np.int64),
            attendance_activity=np.array([r[1] for r in self.attendance], dtype=np.int64),
            attendance_status=np.array([r[2] for r in self.attendance], dtype=np.int8),
            contact_a=np.array([c[0] for c in self.contacts], dtype=np.int64),
            contact_b=np.array([c[1] for c in self.contacts], dtype=np.int64),
            contact_date=days([c[2] for c in self.contacts]),
            dossier_id=np.arange(len(self.dossiers), dtype=np.int64),
            dossier_name=list(self.dossiers),
            point_id=np.arange(len(self.points), dtype=np.int64),
            point_dossier=np.array([p["dossier"] for p in self.points], dtype=np.int64),
            point_kind=np.array([p["kind"] for p in self.points], dtype=np.int8),
            point_status=np.array([p["status"] for p in self.points], dtype=np.int8),
            point_opened=days([p["opened"] for p in self.points]),
            point_status_since=days([p["since"] for p in self.points]),
            point_title=[p["title"] for p in self.points],
            position_point=np.array([p[0] for p in self.positions], dtype=np.int64),
            position_member=np.array([p[1] for p in self.positions], dtype=np.int64),
            position_org=np.array([p[2] for p in self.positions], dtype=np.int64),
            position_stance=np.array([p[3] for p in self.positions], dtype=np.int8),
            position_date=days([p[4] for p in self.positions]),
            milestone_id=np.arange(len(self.milestones), dtype=np.int64),
            milestone_kind=np.array([m[0] for m in self.milestones], dtype=np.int8),
            milestone_date=days([m[1] for m in self.milestones]),
            milestone_dossier=np.array([m[2] for m in self.milestones], dtype=np.int64),
            milestone_title=[m[3] for m in self.milestones],
            hard_moment_id=np.arange(len(moments), dtype=np.int64),
            hard_moment_date=days([h[0] for h in moments]),
            hard_moment_outcome=np.array([h[1] for h in moments], dtype=np.int8),
            hard_moment_title=[f"hard moment {i}" for i in range(len(moments))],
            hard_moment_party_moment=np.array(
                [i for i, h in enumerate(moments) for _ in h[2]], dtype=np.int64
            ),
            hard_moment_party_org=np.array([o for h in moments for o in h[2]], dtype=np.int64),
            status_change_point=np.array([c[0] for c in self.status_changes], dtype=np.int64),
            status_change_status=np.array([c[1] for c in self.status_changes], dtype=np.int8),
            status_change_date=days([c[2] for c in self.status_changes]),
        )


@pytest.fixture
def net() -> Net:
    return Net()


@pytest.fixture(autouse=True)
def leiden_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's tests run Leiden on every call (they test what it finds and that it
    finds it again): no grouping is handed out from the last few kept."""
    monkeypatch.setattr(graphs, "FOUND_KEPT", 0)
    graphs.forget_groupings()

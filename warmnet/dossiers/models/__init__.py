from warmnet.dossiers.models.dossier import Dossier
from warmnet.dossiers.models.hard_moment import HardMoment, Outcome
from warmnet.dossiers.models.milestone import Milestone, MilestoneKind
from warmnet.dossiers.models.point import (
    Point,
    PointKind,
    PointStatus,
    PointStatusChange,
    Position,
    Stance,
    ensure_history,
    sync_point_status,
)

__all__ = [
    "Dossier",
    "HardMoment",
    "Milestone",
    "MilestoneKind",
    "Outcome",
    "Point",
    "PointKind",
    "PointStatus",
    "PointStatusChange",
    "Position",
    "Stance",
    "ensure_history",
    "sync_point_status",
]

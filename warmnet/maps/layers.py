"""The kinds of tie the map can show, read from the analysis in one place.

``AnalysisResult.ties`` is the relational layer: time spent together, informal kinds
weighing more.  A second layer, working familiarity (``AnalysisResult.familiarity``, the
same shape and units: people who know each other from the content track), is coming in
the engine; until it is there the map offers it disabled, with a note.  When it lands,
:func:`tie_layers` is the only line to change (``result.familiarity`` instead of the
``getattr``).
"""

from __future__ import annotations

from dataclasses import dataclass

import scipy.sparse as sp
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from warmnet.engine import AnalysisResult

__all__ = ["TieLayer", "tie_layers"]


@dataclass(frozen=True)
class TieLayer:
    key: str
    label: str | Promise
    #: Member x member tie strengths (effective hours); None when the analysis has none.
    ties: sp.csr_matrix | None
    note: str | Promise = ""

    @property
    def available(self) -> bool:
        return self.ties is not None


def tie_layers(result: AnalysisResult) -> list[TieLayer]:
    """The tie layers of ``result``, relational first."""
    familiarity = getattr(result, "familiarity", None)
    return [
        TieLayer("relational", _("Relational ties"), result.ties),
        TieLayer(
            "working",
            _("Working ties"),
            familiarity,
            "" if familiarity is not None else _("Not measured yet: coming with the analysis."),
        ),
    ]

"""The kinds of tie the map can show, read from the analysis in one place.

``AnalysisResult.ties`` is the relational layer: time in relationship activities and 1:1
contacts, what warmth means.  ``AnalysisResult.familiarity`` is working familiarity, the
same shape and units: time at the same table on the content track (docs/analysis.md).
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
    #: Shown when the page opens; the working layer is there to switch on.
    shown: bool = True

    @property
    def available(self) -> bool:
        return self.ties is not None


def tie_layers(result: AnalysisResult) -> list[TieLayer]:
    """The tie layers of ``result``, relational first."""
    return [
        TieLayer("relational", _("Relational ties"), result.ties),
        TieLayer(
            "working",
            _("Working ties"),
            result.familiarity,
            _("Time at the same table on the content track; not warmth."),
            shown=False,
        ),
    ]

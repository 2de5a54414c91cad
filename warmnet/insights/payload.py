"""The analysis as one JSON document: what ``warmnet analyse --json`` prints and what
the API's analysis endpoint answers to those who run the network.

Built from :meth:`AnalysisResult.to_dict`, so whatever the engine adds to its result
appears here without a change.
"""

from __future__ import annotations

from typing import Any

from warmnet.engine.analyse import jsonable
from warmnet.insights.service import Analysis
from warmnet.network.models import Network

__all__ = ["analysis_payload"]


def analysis_payload(network: Network, analysis: Analysis) -> dict[str, Any]:
    payload = analysis.result.to_dict()
    payload["network"] = {"slug": network.slug, "name": network.name}
    payload["names"] = jsonable(analysis.lookup.__dict__)
    when = analysis.day
    payload["as_of_rule"] = {
        "day": analysis.as_of.isoformat(),
        "asked": bool(when and when.asked),
        "last_recorded": when.last_recorded.isoformat() if when and when.last_recorded else None,
        "days_since_records": when.days_since_records if when else None,
        "records_end_long_before": bool(when and when.stale),
    }
    return payload

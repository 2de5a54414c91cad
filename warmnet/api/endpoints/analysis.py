"""The analysis of a network as of a day: all of it for those who run the network,
the network as a whole for everyone else (as on the pages)."""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict

from warmnet.api.responses import etag_of, json_response, not_modified
from warmnet.api.schemas.errors import read_responses
from warmnet.api.schemas.ids import Day
from warmnet.api.scoping import api_view, runs_network
from warmnet.engine import SettingsError
from warmnet.engine.analyse import jsonable
from warmnet.insights.payload import analysis_payload
from warmnet.insights.service import Analysis, analysis_for, served_key
from warmnet.maps.faultline import risk_by_point
from warmnet.network.models import Network

router = Router(tags=["analysis"])


class NetworkRef(Schema):
    slug: str
    name: str


class AnalysisOut(Schema):
    """The analysis as ``warmnet analyse --json`` prints it, plus ``visibility``.

    With ``visibility: full`` (coordinator, core team) every part of the engine's result
    is here: balance, scenario, warmth, groups, brokers, fault lines, signals,
    suggestions, names; see docs/analysis.md for each figure.  With ``visibility:
    network`` (participants, observers) only what those roles see on the pages: the
    scenario verdict and, per open point of dispute, the fault-line risk.
    """

    model_config = ConfigDict(extra="allow")

    network: NetworkRef
    as_of: str
    visibility: Literal["full", "network"]


class AnalysisParams(Schema):
    as_of: Day | None = Field(None, description="Analyse as of this day; default today.")


def whole_network(network: Network, analysis: Analysis) -> dict[str, Any]:
    """The parts of the analysis about the network as a whole, nobody's ties: what a
    participant sees on the overview and the dossier pages."""
    result = analysis.result
    points = dict(zip(analysis.lookup.point_id, analysis.lookup.point_title, strict=True))
    return {
        "network": {"slug": network.slug, "name": network.name},
        "as_of": analysis.as_of.isoformat(),
        "scenario": {"overall": jsonable(result.scenario.overall)},
        "faultlines": [
            {
                "point_id": point_id,
                "point": points.get(point_id, ""),
                "risk": risk.code,
                "for": risk.for_count,
                "against": risk.against_count,
                "neutral": risk.neutral,
                "warm_across": risk.warm_across,
            }
            for point_id, risk in risk_by_point(analysis).items()
        ],
    }


@router.get("/networks/{network}/analysis", response=read_responses(AnalysisOut))
@api_view()
def analysis(request: HttpRequest, network: str, params: Query[AnalysisParams]) -> HttpResponse:
    """The analysis as of `as_of` (today when not given), computed once per day and
    change of the records, then served from the cache."""
    net = request.network  # type: ignore[attr-defined]
    day = params.as_of or timezone.localdate()
    full = runs_network(request)
    # The body is a function of the cached analysis (its key holds the data version, the
    # day and the settings), of who asks and of the network's name: an ETag from those
    # answers a revalidation without building a large document (the key of the result
    # served: the last complete one while a newer one is computed).
    etag = etag_of(served_key(net, day), full, net.slug, net.name)
    if (unchanged := not_modified(request, etag)) is not None:
        return unchanged
    try:
        result = analysis_for(net, day)
    except SettingsError as exc:
        raise HttpError(
            409, _("The network's analysis settings are invalid: %(error)s") % {"error": exc}
        ) from None
    if full:
        payload = analysis_payload(net, result)
        payload["visibility"] = "full"
    else:
        payload = whole_network(net, result)
        payload["visibility"] = "network"
    return json_response(request, payload, etag)

"""``{% survey_verdict_evidence network as_of scenario as evidence %}``: the survey's
evidence for a scenario verdict (see :mod:`warmnet.surveys.evidence`)."""

from __future__ import annotations

import datetime as dt

from django import template

from warmnet.network.models import Network
from warmnet.surveys.evidence import VerdictEvidence, verdict_evidence

register = template.Library()


@register.simple_tag
def survey_verdict_evidence(
    network: Network | None, as_of: dt.date | None, scenario: str
) -> VerdictEvidence | None:
    if network is None or as_of is None:
        return None
    return verdict_evidence(network, as_of, str(scenario or ""))

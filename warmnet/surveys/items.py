"""The questions of the pulse survey: fixed wordings and fixed scales.

A round switches items on or off, but nobody writes their own wording into these
scales: the same question on the same scale in every round and every network is
what makes rounds comparable.  Every scale runs 1-5 with labelled ends, plus
"weet ik niet" (stored as 0); a question left blank is stored as NULL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

__all__ = [
    "DONT_KNOW",
    "MAX_PARTNERS",
    "NETWORK_ITEMS",
    "OPEN_ITEM",
    "PARTNER_DIMENSIONS",
    "PARTNER_ITEM",
    "ROUND_ITEMS",
    "SCALE",
    "TRUST_DIMENSIONS",
    "VALUE_DIMENSIONS",
    "Item",
    "item",
]

#: The stored value of "weet ik niet".
DONT_KNOW = 0
SCALE = (1, 2, 3, 4, 5)
#: Partners a respondent rates at most: six short ratings each keep the whole survey
#: within three minutes.
MAX_PARTNERS = 5


@dataclass(frozen=True)
class Item:
    """One question: its code (a column of the answer), its text and its labelled ends."""

    code: str
    text: Any
    low: Any
    high: Any
    #: Higher answers mean more tension (the "how often torn" item); for the others
    #: higher means better.
    higher_is_worse: bool = False


_DISAGREE, _AGREE = _("strongly disagree"), _("strongly agree")

NETWORK_ITEMS: tuple[Item, ...] = (
    Item("trust", _("I trust the people in this network."), _DISAGREE, _AGREE),
    Item(
        "disagree",
        _("Here I can disagree openly without it costing me."),
        _DISAGREE,
        _AGREE,
    ),
    Item("whom_to_call", _("I know whom to call about a tough problem."), _DISAGREE, _AGREE),
    Item("progress", _("We make progress on content."), _DISAGREE, _AGREE),
    Item(
        "loyalty",
        _("What the network asks of me sits well with what my own organisation asks of me."),
        _DISAGREE,
        _AGREE,
    ),
    Item(
        "torn",
        _(
            "How often in the last quarter did you feel torn between the network and your "
            "own organisation?"
        ),
        _("never"),
        _("very often"),
        higher_is_worse=True,
    ),
)

#: Trust in a partner organisation: openness to discussion, reliability, support for the
#: shared mission; its value: influence, level of involvement, resources contributed.
TRUST_DIMENSIONS: tuple[Item, ...] = (
    Item("openness", _("Is open to discussion"), _("not at all"), _("completely")),
    Item("reliability", _("Does what it says it will do"), _("never"), _("always")),
    Item("mission", _("Supports our shared mission"), _("not at all"), _("completely")),
)
VALUE_DIMENSIONS: tuple[Item, ...] = (
    Item("influence", _("Has influence on what we achieve"), _("none"), _("a great deal")),
    Item("involvement", _("Is involved in the network's work"), _("hardly"), _("fully")),
    Item(
        "resources",
        _("Contributes resources (people, money, knowledge)"),
        _("none"),
        _("a great deal"),
    ),
)
PARTNER_DIMENSIONS: tuple[Item, ...] = TRUST_DIMENSIONS + VALUE_DIMENSIONS

PARTNER_ITEM = "partners"
OPEN_ITEM = "open"
OPEN_QUESTION = _("What would help this network most now?")

#: What a round can switch on or off: each network item, the partner ratings, the open
#: question.
ROUND_ITEMS: tuple[tuple[str, Any], ...] = (
    *((i.code, i.text) for i in NETWORK_ITEMS),
    (PARTNER_ITEM, _("Trust and value per partner organisation")),
    (OPEN_ITEM, OPEN_QUESTION),
)

_BY_CODE = {i.code: i for i in NETWORK_ITEMS + PARTNER_DIMENSIONS}


def item(code: str) -> Item:
    return _BY_CODE[code]

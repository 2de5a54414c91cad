"""One colour per stance, everywhere: "for" is the same blue in the bars, the text, the
fault line and the positions grid; "against" the same orange (a darker shade of each for
text, for contrast).  Guards against a page bringing its own green for "for"."""

from __future__ import annotations

import re
from pathlib import Path

import warmnet
from warmnet.maps.faultline import SIDE_COLOURS

CSS = Path(warmnet.__file__).parent / "static" / "warmnet" / "warmnet.css"
FOR = {"#0077bb", "#005a8e"}
AGAINST = {"#ee7733", "#a3470d"}


def _colours(selector_pattern: str) -> set[str]:
    found: set[str] = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS.read_text()):
        if re.search(selector_pattern, selectors):
            found |= {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", body)}
    return found


def test_for_and_against_have_one_colour_each_everywhere() -> None:
    pro = _colours(r"\.st1\b|side-for")
    con = _colours(r"\.st-1\b|side-against")
    assert pro and pro <= FOR, pro
    assert con and con <= AGAINST, con
    assert SIDE_COLOURS["for"].lower() in FOR
    assert SIDE_COLOURS["against"].lower() in AGAINST

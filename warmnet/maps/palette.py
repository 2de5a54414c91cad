"""How an organisation is told apart on the maps: a colour and a marker shape together.

The colours are Okabe and Ito's palette for colour-vision deficiencies (without its black,
which the maps keep for outlines).  The shape is a second channel, not only a fallback: the
n-th organisation gets colour ``n mod 7`` and shape ``n mod 4``, so two organisations never
share both, and two with the same colour always differ in shape, for up to 28
organisations.  Beyond 28 no picture can keep them apart: the 28 largest keep their own
marker and the others share a grey one, and the legend says so.  Pure Python and numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["DISTINCT", "OTHER", "PALETTE", "SHAPES", "Style", "org_styles"]

PALETTE = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)
SHAPES = ("circle", "square", "triangle", "diamond")
#: Organisations that can have a marker of their own (7 colours x 4 shapes, coprime).
DISTINCT = len(PALETTE) * len(SHAPES)


@dataclass(frozen=True)
class Style:
    colour: str
    shape: str
    #: False for the grey marker shared by the organisations beyond :data:`DISTINCT`.
    own: bool = True


#: The marker of organisations beyond :data:`DISTINCT` and of members without one.
OTHER = Style("#9E9E9E", "circle", own=False)


def org_styles(members: npt.NDArray[np.int64]) -> list[Style]:
    """One style per organisation row, given each organisation's number of members.

    Up to :data:`DISTINCT` organisations keep the network's order (so a marker does not
    change when someone joins); beyond that the largest get their own markers first.
    """
    n = int(members.size)
    order = np.arange(n) if n <= DISTINCT else np.lexsort((np.arange(n), -members))[:DISTINCT]
    styles = [OTHER] * n
    for rank, row in enumerate(order.tolist()):
        styles[row] = Style(PALETTE[rank % len(PALETTE)], SHAPES[rank % len(SHAPES)])
    return styles

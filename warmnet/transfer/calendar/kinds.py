"""Guess an activity's kind from a calendar title, in Dutch or English.

Titles are compared word by word, lower case and without accents.  A pattern
``word`` is a whole word, ``word*`` a word that begins so, ``*word`` one that ends
so (Dutch compounds put the head last: *nieuwjaarsborrel*, *netwerkdiner*),
``*word*`` a word that holds it, and a pattern with spaces a run of words.  The
rules are tried in order, so the more telling kinds come first: a "stuurgroep
met diner" is a steering group meeting.  A title with no known word gets
:data:`DEFAULT_KIND`, and the preview says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from warmnet.activities.models import ActivityKind

__all__ = ["DEFAULT_KIND", "Guess", "guess_kind"]

#: Most meetings in a coordinator's calendar are work on the content; counting an unknown
#: one as relationship would flatter the balance, so the default is a working session.
DEFAULT_KIND = ActivityKind.WORKING_SESSION

_RULES: tuple[tuple[ActivityKind, tuple[str, ...]], ...] = (
    (
        ActivityKind.PEER_CONSULTATION,
        (
            "*intervisie*",
            "collegiale consultatie",
            "collegiaal consult",
            "peer consultation",
            "peer coaching",
            "moreel beraad",
        ),
    ),
    (
        ActivityKind.NEGOTIATION,
        ("*onderhandel*", "negotiation*", "negotiate*", "negotiating"),
    ),
    (
        ActivityKind.STEERING_GROUP,
        (
            "*stuurgroep*",
            "regiegroep*",
            "bestuurlijk overleg",
            "bestuurlijke overleg",
            "bestuurdersoverleg",
            "portefeuillehoudersoverleg",
            "*bestuursvergadering",
            "steering group",
            "steering committee",
            "steerco",
            "board meeting",
        ),
    ),
    (
        ActivityKind.WORK_VISIT,
        (
            "*werkbezoek*",
            "bedrijfsbezoek*",
            "locatiebezoek*",
            "excursie*",
            "rondleiding*",
            "studiereis*",
            "bezoek",
            "work visit",
            "site visit",
            "study visit",
            "field trip",
        ),
    ),
    (
        ActivityKind.DINNER,
        ("diner", "*diner", "etentje", "*etentje", "eten", "avondeten", "dinner", "*dinner"),
    ),
    (
        ActivityKind.OUTING,
        (
            "*uitje",
            "uitje*",
            "voorstelling*",
            "theater*",
            "concert*",
            "wedstrijd*",
            "voetbal*",
            "museum*",
            "festival*",
            "rondvaart*",
            "sloepentocht*",
            "fietstocht*",
            "outing",
            "match",
            "show",
        ),
    ),
    (
        ActivityKind.MIXED,
        (
            "walk and talk",
            "walk en talk",
            "walk n talk",
            "walk talk",
            "walking meeting",
            "wandelgesprek*",
            "werklunch*",
            "working lunch",
            "lunch meeting",
            "heidag*",
            "heisessie*",
            "persoonlijke ronde",
        ),
    ),
    (
        ActivityKind.INFORMAL_MEETING,
        (
            "*borrel*",
            "vrijmibo",
            "drinks",
            "drink",
            "koffie*",
            "coffee",
            "lunch*",
            "*lunch",
            "ontbijt*",
            "breakfast",
            "kennismaking*",
            "ontmoeting",
            "*ontmoeting",
            "informeel",
            "informele",
            "informal",
            "meet and greet",
            "get together",
            "*receptie",
            "*wandeling",
            "wandelen",
            "walk",
            "bbq",
            "barbecue",
        ),
    ),
    (
        ActivityKind.WORKING_SESSION,
        (
            "*overleg*",
            "werksessie*",
            "*sessie",
            "workshop*",
            "working session",
            "work session",
            "meeting",
            "*vergadering",
            "vergadering",
            "werkgroep*",
            "*werkgroep",
            "kernteam*",
            "brainstorm*",
            "*bijeenkomst",
            "session",
        ),
    ),
)

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Guess:
    kind: ActivityKind
    #: the word of the title that gave it away; empty when the default was taken
    word: str


def _words(title: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [w for w in _NOT_ALNUM.split(plain) if w]


def _match(pattern: str, words: list[str], joined: str) -> str:
    """The word (or words) of the title that ``pattern`` finds, or ""."""
    if " " in pattern:
        return pattern if f" {pattern} " in joined else ""
    core = pattern.strip("*")
    for word in words:
        if pattern.startswith("*") and pattern.endswith("*"):
            hit = core in word
        elif pattern.startswith("*"):
            hit = word.endswith(core)
        elif pattern.endswith("*"):
            hit = word.startswith(core)
        else:
            hit = word == core
        if hit:
            return word
    return ""


def guess_kind(title: str) -> Guess:
    words = _words(title)
    joined = " " + " ".join(words) + " "
    for kind, patterns in _RULES:
        for pattern in patterns:
            word = _match(pattern, words, joined)
            if word:
                return Guess(kind, word)
    return Guess(DEFAULT_KIND, "")

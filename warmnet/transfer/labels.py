"""How people spell things in spreadsheets: header names, choice labels, sheet names.

Everything is compared in a *folded* form (lower case, accents and punctuation
dropped), so "E-mailadres", "e-mail" and "EMAIL" meet, as do "coördinator" and
"Coordinator".  Choice labels come from the model choices themselves, in Dutch
and English, so a label added to a model is accepted without touching this file.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.utils import translation

__all__ = ["SYNONYMS", "ChoiceTable", "choice_table", "choice_word", "fold", "normal_key"]

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, no accents, letters and digits only: the form headers and labels meet in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", plain)


def normal_key(text: str) -> str:
    """The form a natural key (a name, a title) is matched in: case and spacing ignored."""
    return _SPACES.sub(" ", text).strip().casefold()


#: Everyday words for choices, Dutch and English, by choices class and member name.  A
#: coordinator's sheet says "borrel" or "stuurgroep", not "informal meeting".  (Labels
#: of the model choices themselves are accepted anyway; these come on top.)
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ActivityKind": {
        "WORKING_SESSION": (
            "werksessie", "werkoverleg", "werkbijeenkomst", "werkgroep", "overleg",
            "vergadering", "projectoverleg", "sessie", "workshop", "werkatelier",
            "work session", "working group", "meeting",
        ),
        "NEGOTIATION": (
            "onderhandeling", "onderhandelingen", "onderhandelingsoverleg", "negotiations",
        ),
        "STEERING_GROUP": (
            "stuurgroep", "stuurgroepoverleg", "stuurgroepvergadering", "bestuurlijk overleg",
            "regiegroep", "stuurgroep vergadering", "steering group", "steering committee",
            "board meeting",
        ),
        "INFORMAL_MEETING": (
            "borrel", "netwerkborrel", "nieuwjaarsborrel", "informeel", "informeel overleg",
            "informele bijeenkomst", "koffie", "koffieafspraak", "kennismaking",
            "netwerklunch", "drinks", "drink", "coffee", "get together", "social",
        ),
        "WORK_VISIT": (
            "werkbezoek", "werkbezoeken", "bedrijfsbezoek", "locatiebezoek", "excursie",
            "bezoek", "site visit", "field visit", "study visit", "visit",
        ),
        "OUTING": (
            "uitje", "teamuitje", "voorstelling", "wedstrijd", "theater", "concert",
            "team outing", "show", "match",
        ),
        "PEER_CONSULTATION": (
            "intervisie", "intervisiebijeenkomst", "intervisiegroep", "intervisiesessie",
            "collegiale consultatie", "collegiaal consult", "casusbespreking",
            "peer consultation", "peer review", "peer coaching",
        ),
        "DINNER": (
            "diner", "etentje", "etentjes", "eten", "samen eten", "maaltijd", "lunch",
            "meal",
        ),
        "MIXED": ("gemengd", "wandeloverleg", "walk and talk", "mixed"),
    },
    "MilestoneKind": {
        "SHARED_VISION": ("visie", "gezamenlijke visie", "visiedocument", "vision"),
        "LETTER_OF_INTENT": ("intentieverklaring", "intentie overeenkomst", "loi"),
        "COVENANT": ("convenant", "overeenkomst", "samenwerkingsovereenkomst", "agreement"),
        "DECISION": ("besluit", "raadsbesluit", "bestuursbesluit", "besluitvorming"),
    },
    "OrganisationKind": {
        "MUNICIPALITY": ("gemeente", "municipality", "city"),
        "PROVINCE": ("provincie", "province"),
        "WATER_BOARD": ("waterschap", "hoogheemraadschap", "water board"),
        "NATIONAL_GOVERNMENT": ("rijk", "rijksoverheid", "ministerie", "ministry"),
        "COMPANY": ("bedrijf", "onderneming", "bv", "company", "business"),
        "NGO": ("ngo", "stichting", "vereniging", "maatschappelijke organisatie"),
        "KNOWLEDGE_INSTITUTE": (
            "kennisinstelling", "kennisinstituut", "universiteit", "hogeschool",
            "university", "research institute",
        ),
    },
}  # fmt: skip


def choice_word(member: models.IntegerChoices, language: str) -> str:
    """The word for one choice in ``language``: the head of its label ("outing" of "outing
    (a show, a match)", "intervisie" of "intervisie: samen ...").  Export writes it and
    :func:`choice_table` reads it back, so both use this one table of words."""
    with translation.override(language):
        label = str(member.label)
    return str(re.split(r"[(:]", label)[0]).strip()


class ChoiceTable(dict[str, int]):
    """Spellings of a set of choices, and the choices themselves for an error message."""

    choices: type[models.IntegerChoices]

    def listing(self) -> str:
        """The valid choices by their label in the active language, for an error message."""
        language = translation.get_language() or "nl"
        return ", ".join(choice_word(member, language) for member in self.choices)


def choice_table(choices: type[models.IntegerChoices]) -> ChoiceTable:
    """Every accepted spelling of each choice: its number, its name, its labels in nl and
    en, and the everyday words in :data:`SYNONYMS`."""
    table = ChoiceTable()
    table.choices = choices
    for member in choices:
        value = int(member.value)
        table[str(value)] = value
        table[fold(member.name)] = value
    # the words export writes come before anything else that might fold the same
    for language in ("en", "nl"):
        for member in choices:
            table.setdefault(fold(choice_word(member, language)), int(member.value))
    for member in choices:
        for language in ("en", "nl"):
            with translation.override(language):
                table.setdefault(fold(str(member.label)), int(member.value))
    for name, words in SYNONYMS.get(choices.__name__, {}).items():
        if name in choices.__members__:
            for word in words:
                table.setdefault(fold(word), int(choices[name].value))
    return table

"""What each kind of sheet looks like: its columns, their Dutch and English names.

The canonical column names are what export writes; the aliases are what people
type.  Aliases are compared folded (see :func:`labels.fold`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from warmnet.transfer.labels import fold

__all__ = [
    "DUTCH_HEADINGS",
    "DUTCH_SHEETS",
    "ENTITIES",
    "MATRIX_MEMBER_COLUMNS",
    "Entity",
    "heading",
    "sheet_name",
]

_PERSON = (
    "name",
    "naam",
    "member",
    "lid",
    "deelnemer",
    "participant",
    "persoon",
    "person",
    "volledigenaam",
    "fullname",
    "contactpersoon",
)
_EMAIL = ("email", "emailadres", "emailaddress", "mail", "memberemail", "mailadres")
_ORG = ("organisation", "organisatie", "organization", "org", "werkgever", "employer", "partner")
_DESCRIPTION = (
    "description",
    "omschrijving",
    "beschrijving",
    "toelichting",
    "notes",
    "opmerkingen",
    "opmerking",
)
_NOTE = ("note", "notitie", "opmerking", "opmerkingen", "notes")
_DOSSIER = ("dossier", "thema", "theme")
_TITLE = ("title", "titel", "naam", "name", "onderwerp", "subject")


@dataclass(frozen=True)
class Entity:
    key: str
    label: Promise
    #: words in sheet or file names that announce this entity
    names: tuple[str, ...]
    #: canonical column -> accepted header spellings
    columns: dict[str, tuple[str, ...]]
    #: each group: at least one of its columns must be there
    required: tuple[tuple[str, ...], ...]

    def aliases(self) -> dict[str, str]:
        table: dict[str, str] = {}
        # the headings export writes come first: they must read back as their own column
        for column in self.columns:
            for language in ("nl", "en"):
                table.setdefault(fold(heading(self.key, column, language)), column)
        for column, spellings in self.columns.items():
            for spelling in (column, *spellings):
                table.setdefault(fold(spelling), column)
        return table


ENTITIES: dict[str, Entity] = {
    e.key: e
    for e in [
        Entity(
            "organisations",
            _("organisations"),
            (
                "organisaties",
                "organisations",
                "organizations",
                "organisatie",
                "organisation",
                "partners",
            ),
            {
                "name": (
                    "naam",
                    "organisatie",
                    "organisation",
                    "organization",
                    "organisatienaam",
                    "partner",
                ),
                "kind": (
                    "soort",
                    "type",
                    "soortorganisatie",
                    "typeorganisatie",
                    "categorie",
                    "category",
                ),
            },
            (("name",),),
        ),
        Entity(
            "dossiers",
            _("dossiers"),
            ("dossiers", "dossier", "themas"),
            {"name": ("naam", "dossier", "thema", "theme"), "description": _DESCRIPTION},
            (("name",),),
        ),
        Entity(
            "members",
            _("members"),
            (
                "leden",
                "members",
                "member",
                "deelnemers",
                "participants",
                "personen",
                "people",
                "ledenlijst",
                "contactpersonen",
                "delegates",
            ),
            {
                "name": _PERSON,
                "organisation": _ORG,
                "email": _EMAIL,
                "role": ("rol", "role", "functieinnetwerk", "netwerkrol"),
                "joined_on": (
                    "joined",
                    "lidsinds",
                    "sinds",
                    "since",
                    "toegetreden",
                    "startdatum",
                    "begindatum",
                    "datumin",
                ),
                "left_on": (
                    "left",
                    "lidtot",
                    "tot",
                    "until",
                    "vertrokken",
                    "uitgetreden",
                    "einddatum",
                    "datumuit",
                ),
            },
            (("name",), ("organisation",)),
        ),
        Entity(
            "activities",
            _("activities"),
            (
                "activiteiten",
                "activities",
                "activiteit",
                "activity",
                "bijeenkomsten",
                "meetings",
                "agenda",
                "kalender",
                "calendar",
            ),
            {
                "title": (*_TITLE, "activiteit", "activity", "bijeenkomst", "meeting"),
                "start": (
                    "datum",
                    "date",
                    "begin",
                    "aanvang",
                    "startdatum",
                    "datumentijd",
                    "datetime",
                    "wanneer",
                    "when",
                ),
                "time": ("tijd", "begintijd", "starttijd", "aanvangstijd", "starttime"),
                "kind": (
                    "soort",
                    "type",
                    "soortactiviteit",
                    "typeactiviteit",
                    "activitytype",
                    "vorm",
                ),
                "duration_minutes": (
                    "duration",
                    "duur",
                    "duurminuten",
                    "duurinminuten",
                    "minuten",
                    "minutes",
                    "durationinminutes",
                ),
                "location": ("locatie", "plaats", "place", "waar", "where"),
                "host_organisation": (
                    "host",
                    "gastheer",
                    "gastorganisatie",
                    "organisator",
                    "organiserendeorganisatie",
                    "hostorganization",
                ),
                "dossier": _DOSSIER,
                "relationship_share": (
                    "relatieaandeel",
                    "aandeelrelatie",
                    "relationeelaandeel",
                    "relationship",
                ),
                "description": _DESCRIPTION,
            },
            (("title",), ("start",)),
        ),
        Entity(
            "points",
            _("points"),
            ("punten", "points", "geschilpunten", "agendapunten", "twistpunten"),
            {
                "dossier": _DOSSIER,
                "title": (*_TITLE, "punt", "point"),
                "kind": ("soort", "type", "soortpunt"),
                "status": ("status", "stand"),
                "opened_on": ("opened", "geopend", "geopendop", "sinds", "datum", "date"),
                "status_since": ("statussinds", "statusdatum", "since"),
                "description": _DESCRIPTION,
            },
            (("dossier",), ("title",), ("opened_on",)),
        ),
        Entity(
            "milestones",
            _("milestones"),
            ("mijlpalen", "milestones", "mijlpaal", "milestone"),
            {
                "title": _TITLE,
                "date": ("datum", "date"),
                "kind": ("soort", "type", "soortmijlpaal"),
                "dossier": _DOSSIER,
            },
            (("title",), ("date",), ("kind",)),
        ),
        Entity(
            "hard_moments",
            _("hard moments"),
            (
                "hardemomenten",
                "hardmoments",
                "hardmoment",
                "moeilijkemomenten",
                "crises",
                "spanningsmomenten",
            ),
            {
                "title": _TITLE,
                "date": ("datum", "date"),
                "outcome": ("uitkomst", "afloop", "result", "resultaat"),
                "parties": (
                    "partijen",
                    "betrokkenpartijen",
                    "betrokkenen",
                    "organisations",
                    "organisaties",
                    "partiesinvolved",
                ),
                "description": _DESCRIPTION,
            },
            (("title",), ("date",)),
        ),
        Entity(
            "contacts",
            _("contacts"),
            ("contacten", "contacts", "contactmomenten", "contact", "ontmoetingen"),
            {
                "member": ("lid", "naam", "name", "persoon", "person", "van", "from"),
                "member_email": ("email", "emailadres", "mail", "emaillid"),
                "with": ("met", "with", "withmember", "metwie", "naar", "to"),
                "with_email": ("emailmet", "withemail", "mailmet"),
                "date": ("datum", "date"),
                "channel": ("kanaal", "channel", "vorm", "hoe", "how"),
                "note": _NOTE,
            },
            (("member", "member_email"), ("with", "with_email"), ("date",)),
        ),
        Entity(
            "positions",
            _("positions"),
            ("posities", "positions", "standpunten", "standpunt", "position"),
            {
                "dossier": _DOSSIER,
                "point": ("punt", "point", "geschilpunt", "pointtitle"),
                "member": ("lid", "naam", "name", "persoon", "person"),
                "member_email": ("email", "emailadres", "mail"),
                "organisation": _ORG,
                "stance": ("standpunt", "positie", "houding", "stance", "position"),
                "date": ("datum", "date"),
                "note": _NOTE,
            },
            (("dossier",), ("point",), ("stance",), ("date",)),
        ),
        Entity(
            "attendance",
            _("attendance"),
            (
                "aanwezigheid",
                "attendance",
                "presentielijst",
                "presentie",
                "aanwezigheidslijst",
                "signin",
                "tekenlijst",
                "aanmeldingen",
                "presence",
                "registrations",
            ),
            {
                "member": _PERSON,
                "email": _EMAIL,
                "organisation": _ORG,
                "activity": (
                    "activiteit",
                    "activity",
                    "titel",
                    "title",
                    "bijeenkomst",
                    "meeting",
                    "activitytitle",
                ),
                "date": (
                    "datum",
                    "date",
                    "start",
                    "activitystart",
                    "activitydate",
                    "datumactiviteit",
                ),
                "status": ("status", "aanwezigheid", "presence", "aanwezig", "attended"),
            },
            (("member", "email"), ("activity",), ("date",)),
        ),
    ]
}

#: The columns down the side of an attendance matrix that say who the row is.
MATRIX_MEMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    "member": _PERSON,
    "email": _EMAIL,
    "organisation": _ORG,
}


#: What export calls each sheet for a Dutch user (English: the key, in words).
DUTCH_SHEETS: dict[str, str] = {
    "organisations": "organisaties",
    "dossiers": "dossiers",
    "members": "leden",
    "activities": "activiteiten",
    "points": "punten",
    "milestones": "mijlpalen",
    "hard_moments": "harde momenten",
    "contacts": "contacten",
    "positions": "standpunten",
    "attendance": "aanwezigheid",
}

#: The column headings export writes for a Dutch user; import reads them (and the English
#: ones) back as the same column, see :meth:`Entity.aliases`.
DUTCH_HEADINGS: dict[str, dict[str, str]] = {
    "organisations": {"name": "naam", "kind": "soort"},
    "dossiers": {"name": "naam", "description": "omschrijving"},
    "members": {
        "name": "naam", "organisation": "organisatie", "email": "e-mailadres", "role": "rol",
        "joined_on": "lid sinds", "left_on": "lid tot",
    },
    "activities": {
        "title": "titel", "start": "begin", "time": "begintijd", "kind": "soort",
        "duration_minutes": "duur in minuten", "location": "locatie",
        "host_organisation": "gastorganisatie", "dossier": "dossier",
        "relationship_share": "relatieaandeel", "description": "omschrijving",
    },
    "points": {
        "dossier": "dossier", "title": "titel", "kind": "soort", "status": "status",
        "opened_on": "geopend op", "status_since": "status sinds", "description": "omschrijving",
    },
    "milestones": {"title": "titel", "date": "datum", "kind": "soort", "dossier": "dossier"},
    "hard_moments": {
        "title": "titel", "date": "datum", "outcome": "uitkomst", "parties": "partijen",
        "description": "omschrijving",
    },
    "contacts": {
        "member": "lid", "member_email": "e-mailadres lid", "with": "met",
        "with_email": "e-mail met", "date": "datum", "channel": "kanaal", "note": "notitie",
    },
    "positions": {
        "dossier": "dossier", "point": "punt", "member": "lid", "member_email": "e-mailadres",
        "organisation": "organisatie", "stance": "standpunt", "date": "datum", "note": "notitie",
    },
    "attendance": {
        "member": "naam", "email": "e-mailadres", "organisation": "organisatie",
        "activity": "activiteit", "date": "datum", "status": "status",
    },
}  # fmt: skip


def _dutch(language: str) -> bool:
    return language.lower().startswith("nl")


def heading(entity: str, column: str, language: str) -> str:
    """The heading export writes over ``column`` of ``entity`` in ``language``: Dutch words
    for Dutch, the column's name in words for English ("duration minutes")."""
    if _dutch(language):
        return DUTCH_HEADINGS[entity][column]
    return column.replace("_", " ").replace("email", "e-mail")


def sheet_name(entity: str, language: str) -> str:
    """The sheet (or CSV file) name export gives ``entity`` in ``language``."""
    return DUTCH_SHEETS[entity] if _dutch(language) else entity.replace("_", " ")

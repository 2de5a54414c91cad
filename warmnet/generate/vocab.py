"""Dutch words the generator builds its networks from: regions, partners, venues, titles.

Plain data, no logic.  Titles are templates with ``{placeholders}`` that the generator
fills from the network it is building, so a large network can cycle through them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTIVITY_TITLES",
    "CONTACT_NOTES",
    "DOSSIERS",
    "HARD_MOMENTS",
    "KICKOFF_TITLES",
    "NATIONAL",
    "NETWORK_NAMES",
    "REGIONS",
    "Dossier",
    "Region",
]


@dataclass(frozen=True)
class Region:
    name: str
    province: str
    water_boards: tuple[str, ...]
    municipalities: tuple[str, ...]
    knowledge: tuple[str, ...]
    ngos: tuple[str, ...]
    companies: tuple[str, ...]
    work_visits: tuple[str, ...]  # places worth a work visit
    outings: tuple[str, ...]  # "Samen naar ..." (a match, a show) and where it is
    restaurants: tuple[str, ...]


REGIONS: tuple[Region, ...] = (
    Region(
        name="Groene Delta",
        province="Overijssel",
        water_boards=("Drents Overijsselse Delta", "Vechtstromen"),
        municipalities=(
            "Zwolle",
            "Deventer",
            "Kampen",
            "Enschede",
            "Hengelo",
            "Almelo",
            "Hardenberg",
            "Raalte",
            "Dalfsen",
            "Zwartewaterland",
            "Olst-Wijhe",
            "Staphorst",
            "Steenwijkerland",
            "Ommen",
            "Oldenzaal",
            "Rijssen-Holten",
        ),
        knowledge=("Hogeschool Windesheim", "Universiteit Twente", "Saxion Hogeschool"),
        ngos=("Natuur en Milieu Overijssel", "Landschap Overijssel"),
        companies=(
            "Havenbedrijf Kampen-Zwolle",
            "Enexis Netbeheer",
            "Vitens",
            "Bouwbedrijf Van Wijnen",
            "Agrifirm",
            "Coöperatie Energie Overijssel",
        ),
        work_visits=(
            "de haven van Kampen",
            "het zonnepark bij Dalfsen",
            "de rioolwaterzuivering Zwolle",
            "de Reggevallei",
            "het innovatiecentrum Kennispark Twente",
            "de dijkversterking Zwolle",
        ),
        outings=(
            "FC Twente|De Grolsch Veste, Enschede",
            "PEC Zwolle|MAC³PARK stadion, Zwolle",
            "Go Ahead Eagles|De Adelaarshorst, Deventer",
            "het theater|Theater De Spiegel, Zwolle",
            "het concert|Muziekcentrum Enschede",
        ),
        restaurants=(
            "De Librije, Zwolle",
            "Restaurant De Bokkepruik, Hardenberg",
            "Grand Café Het Wapen",
            "Brasserie De Verleiding, Deventer",
        ),
    ),
    Region(
        name="Rivierenland",
        province="Gelderland",
        water_boards=("Rivierenland", "Rijn en IJssel", "Vallei en Veluwe"),
        municipalities=(
            "Arnhem",
            "Nijmegen",
            "Apeldoorn",
            "Ede",
            "Tiel",
            "Culemborg",
            "Zutphen",
            "Doetinchem",
            "Wageningen",
            "Zaltbommel",
            "West Betuwe",
            "Buren",
            "Neder-Betuwe",
            "Lingewaard",
        ),
        knowledge=(
            "Wageningen University & Research",
            "Hogeschool van Arnhem en Nijmegen",
            "Radboud Universiteit",
        ),
        ngos=("Gelderse Natuur en Milieufederatie", "Stichting Rivierenland Duurzaam"),
        companies=(
            "Alliander",
            "Fruitteeltbedrijf De Betuwe",
            "Havenbedrijf Nijmegen",
            "Vitens Gelderland",
            "Bouwcombinatie Waalfront",
            "Rabobank Rivierenland",
        ),
        work_visits=(
            "de haven van Nijmegen",
            "de fruitteler in de Betuwe",
            "de Ooijpolder",
            "het energiepark in Arnhem-Noord",
            "de dijkversterking Tiel-Waardenburg",
        ),
        outings=(
            "NEC|Goffertstadion, Nijmegen",
            "Vitesse|GelreDome, Arnhem",
            "het theater|Stadsschouwburg Nijmegen",
            "de Vierdaagse-avond|Wedren, Nijmegen",
        ),
        restaurants=(
            "Restaurant De Waalkade, Nijmegen",
            "Brasserie Lokaal, Arnhem",
            "Herberg De Betuwe",
        ),
    ),
    Region(
        name="Zuidwestelijke Delta",
        province="Zeeland",
        water_boards=("Scheldestromen", "Brabantse Delta"),
        municipalities=(
            "Middelburg",
            "Vlissingen",
            "Goes",
            "Terneuzen",
            "Hulst",
            "Schouwen-Duiveland",
            "Veere",
            "Borsele",
            "Kapelle",
            "Reimerswaal",
            "Noord-Beveland",
            "Tholen",
        ),
        knowledge=("HZ University of Applied Sciences", "University College Roosevelt"),
        ngos=("Zeeuwse Milieufederatie", "Stichting Het Zeeuwse Landschap"),
        companies=(
            "North Sea Port",
            "Zeeuwse Energie Coöperatie",
            "Evides Waterbedrijf",
            "Dow Benelux",
            "Mosselkwekerij Yerseke",
            "Delta Infra",
        ),
        work_visits=(
            "de haven van Vlissingen",
            "de Oosterscheldekering",
            "de mosselveiling in Yerseke",
            "het windpark Borssele",
            "de Waterdunen bij Breskens",
        ),
        outings=(
            "het concert|Zeeuwse Concertzaal, Middelburg",
            "het theater|Schouwburg Middelburg",
            "de zeilrace|Jachthaven Veere",
            "RCS|Sportpark Vlissingen",
        ),
        restaurants=(
            "Restaurant De Zeeuwse Stromen",
            "Brasserie De Vrijheid, Middelburg",
            "Oesterbar Yerseke",
        ),
    ),
)

NATIONAL = (
    "Rijkswaterstaat",
    "Ministerie van Infrastructuur en Waterstaat",
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Rijksvastgoedbedrijf",
)

NETWORK_NAMES = (
    "Regio Deal {region}",
    "Klimaatcovenant {region}",
    "Netwerk Energietransitie {region}",
    "Samenwerkingsagenda {region}",
)


@dataclass(frozen=True)
class Dossier:
    name: str
    short: str  # for titles: "Werksessie {short}"
    description: str
    disputes: tuple[str, ...]
    agreements: tuple[str, ...]
    topics: tuple[str, ...]


DOSSIERS: tuple[Dossier, ...] = (
    Dossier(
        "Ruimtelijke ordening en woningbouw",
        "Ruimtelijke Ordening",
        "Waar bouwen we, en wat laten we open? Woningbouwlocaties, groen en bedrijventerreinen.",
        disputes=(
            "Verdeling van de woningbouwopgave over de gemeenten",
            "Bouwen in de uiterwaarden",
            "Aandeel sociale huur in nieuwe wijken",
        ),
        agreements=("Gezamenlijke verstedelijkingsstrategie", "Eén loket voor initiatiefnemers"),
        topics=("woningbouwlocaties", "de verstedelijkingsstrategie", "het groenblauwe raamwerk"),
    ),
    Dossier(
        "Klimaatadaptatie en water",
        "Klimaatadaptatie",
        "Droogte, wateroverlast en dijken: samen de regio klimaatbestendig maken.",
        disputes=(
            "Wie betaalt de dijkversterking",
            "Peilbeheer en de belangen van de landbouw",
            "Waterberging op landbouwgrond",
        ),
        agreements=("Gezamenlijke stresstest", "Regionale aanpak hittestress"),
        topics=("de stresstest", "waterberging", "het peilbesluit", "de dijkversterking"),
    ),
    Dossier(
        "Energietransitie",
        "Energietransitie",
        "De regionale energiestrategie: zon, wind, warmtenetten en een vol stroomnet.",
        disputes=(
            "Locaties voor windturbines",
            "Netcongestie: wie krijgt voorrang op het stroomnet",
            "Lokaal eigendom van zonneparken",
        ),
        agreements=("Regionale warmtevisie", "Gezamenlijke inkoop van laadpalen"),
        topics=("de RES 2.0", "netcongestie", "het warmtenet", "zoekgebieden voor wind"),
    ),
    Dossier(
        "Bereikbaarheid en mobiliteit",
        "Bereikbaarheid",
        "Spoor, wegen en fietsroutes: de regio bereikbaar houden terwijl ze groeit.",
        disputes=("Tracé van de snelfietsroute", "Cofinanciering van de spoorverdubbeling"),
        agreements=("Gezamenlijke lobby richting Den Haag", "Mobiliteitshubs bij stations"),
        topics=("de snelfietsroute", "de spoorlobby", "mobiliteitshubs"),
    ),
    Dossier(
        "Circulaire economie en arbeidsmarkt",
        "Circulaire Economie",
        "Grondstoffen in de kringloop en genoeg vakmensen om het werk te doen.",
        disputes=("Vestiging van een recyclingcluster", "Verdeling van de opleidingsbudgetten"),
        agreements=("Leerwerkakkoord techniek", "Regionale grondstoffenbank"),
        topics=("het leerwerkakkoord", "de grondstoffenbank", "circulair inkopen"),
    ),
)

#: Title templates per activity kind (values of ``ActivityKind``).  Placeholders:
#: {short} {topic} {visit} {team} {org} {city} {n}.
ACTIVITY_TITLES: dict[int, tuple[str, ...]] = {
    0: (
        "Werksessie {short}",
        "Werksessie over {topic}",
        "Werkgroep {team}: {topic}",
        "Ontwerpatelier over {topic}",
        "Werksessie {short}: uitwerking van {topic}",
    ),
    1: (
        "Onderhandeling over {topic}",
        "Bestuurlijk overleg over {topic}",
        "Onderhandelingsronde {n} {short}",
    ),
    2: ("Stuurgroep {short}", "Stuurgroepvergadering", "Bestuurlijke stuurgroep {n}"),
    3: (
        "Netwerkborrel",
        "Koffie en kennismaking bij {org}",
        "Informele lunch {team}",
        "Borrel na de werksessie",
        "Vrijdagmiddagborrel",
        "Wandeling en lunch bij {org}",
    ),
    4: ("Werkbezoek aan {visit}", "Werkbezoek bij {org}", "Excursie naar {visit}"),
    5: ("Samen naar {outing}", "Uitje: samen naar {outing}"),
    6: (
        "Intervisie: hoe helpen we een collega met een lastig probleem",
        "Intervisie {team}",
        "Collegiale consultatie: een lastig probleem van {org}",
    ),
    7: ("Netwerkdiner", "Diner bij {restaurant}", "Diner met het kernteam"),
    8: (
        "Werksessie {short} met persoonlijke ronde",
        "Walk-and-talk over {topic}",
        "Werkgroep {team}: {topic} (met check-in)",
        "Heidag {short}",
    ),
}

#: The opening of a kick-off-then-content story: (kind, title).
KICKOFF_TITLES: tuple[tuple[int, str], ...] = (
    (3, "Kick-off {network}"),
    (7, "Kennismakingsdiner {network}"),
    (5, "Samen naar {outing}"),
    (3, "Netwerkborrel: kennismaking"),
    (4, "Werkbezoek aan {visit}"),
)

#: (title, description) of the test the post warns about; {org} and {other} are parties.
HARD_MOMENTS: tuple[tuple[str, str], ...] = (
    (
        "{org} dreigt uit te stappen",
        "Na het raadsbesluit over de kostenverdeling dreigt {org} zich terug te trekken; "
        "{other} houdt vast aan de afspraken uit het convenant.",
    ),
    (
        "Conflict over de kostenverdeling",
        "De begroting valt hoger uit dan voorzien. {org} en {other} zijn het oneens over "
        "wie het tekort dekt.",
    ),
    (
        "Subsidie ingetrokken",
        "De rijkssubsidie valt weg; {org} wil het project afschalen, {other} wil doorzetten.",
    ),
    (
        "Vertrouwensbreuk na uitgelekt stuk",
        "Een concept van {org} lekt uit naar de pers; {other} voelt zich gepasseerd.",
    ),
)

CONTACT_NOTES = (
    "Koffie gedronken",
    "Even gebeld over de voortgang",
    "Lunchwandeling",
    "Bijgepraat na de stuurgroep",
    "Afstemming voorafgaand aan de werksessie",
    "",
)

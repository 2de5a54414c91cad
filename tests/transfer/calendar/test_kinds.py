"""A kind is guessed from the title's words, in Dutch and English; otherwise the default."""

from __future__ import annotations

import pytest

from warmnet.activities.models import ActivityKind as K
from warmnet.transfer.calendar.kinds import DEFAULT_KIND, guess_kind


@pytest.mark.parametrize(
    ("title", "kind", "word"),
    [
        ("Nieuwjaarsborrel Regio Deal", K.INFORMAL_MEETING, "nieuwjaarsborrel"),
        ("Borrel", K.INFORMAL_MEETING, "borrel"),
        ("Lunch met Joël", K.INFORMAL_MEETING, "lunch"),
        ("Lunchwandeling langs de Drentsche Aa", K.INFORMAL_MEETING, "lunchwandeling"),
        ("Wandeling Hondsrug", K.INFORMAL_MEETING, "wandeling"),
        ("Koffie met de partners", K.INFORMAL_MEETING, "koffie"),
        ("Informele ontmoeting", K.INFORMAL_MEETING, "ontmoeting"),
        ("Werkbezoek gemaal", K.WORK_VISIT, "werkbezoek"),
        ("Site visit pumping station", K.WORK_VISIT, "site visit"),
        ("Intervisie kernteam", K.PEER_CONSULTATION, "intervisie"),
        ("Peer consultation: a tough problem", K.PEER_CONSULTATION, "peer consultation"),
        ("Stuurgroep Groene Delta", K.STEERING_GROUP, "stuurgroep"),
        ("Stuurgroepvergadering", K.STEERING_GROUP, "stuurgroepvergadering"),
        ("Steering group", K.STEERING_GROUP, "steering group"),
        ("Bestuurlijk overleg", K.STEERING_GROUP, "bestuurlijk overleg"),
        ("Kernteamoverleg", K.WORKING_SESSION, "kernteamoverleg"),
        ("Overleg", K.WORKING_SESSION, "overleg"),
        ("Werksessie water", K.WORKING_SESSION, "werksessie"),
        ("Workshop scenario's", K.WORKING_SESSION, "workshop"),
        ("Diner met de partners", K.DINNER, "diner"),
        ("Kerstdiner", K.DINNER, "kerstdiner"),
        ("Etentje", K.DINNER, "etentje"),
        ("Dinner with the board", K.DINNER, "dinner"),
        ("Onderhandeling grondprijzen", K.NEGOTIATION, "onderhandeling"),
        ("Onderhandelingsronde 2", K.NEGOTIATION, "onderhandelingsronde"),
        ("Negotiation water storage", K.NEGOTIATION, "negotiation"),
        ("Samen naar de wedstrijd", K.OUTING, "wedstrijd"),
        ("Teamuitje", K.OUTING, "teamuitje"),
        ("Walk & talk", K.MIXED, "walk talk"),
        ("Walk-and-talk met Priya", K.MIXED, "walk and talk"),
        ("Werklunch", K.MIXED, "werklunch"),
        ("Heidag Groene Delta", K.MIXED, "heidag"),
        # the more telling kind wins: a steering group with dinner is a steering group
        ("Stuurgroep met diner", K.STEERING_GROUP, "stuurgroep"),
        ("ÉTENTJE", K.DINNER, "etentje"),
    ],
)
def test_a_kind_is_guessed_from_a_word(title: str, kind: K, word: str) -> None:
    guess = guess_kind(title)
    assert (guess.kind, guess.word) == (kind, word)


@pytest.mark.parametrize(
    "title",
    ["Afstemming peilbesluit", "", "Weten en meten", "Roadshow", "Tandarts", "Matchmaking"],
)
def test_without_a_telling_word_the_default_is_taken(title: str) -> None:
    guess = guess_kind(title)
    assert guess.kind == DEFAULT_KIND == K.WORKING_SESSION
    assert guess.word == ""

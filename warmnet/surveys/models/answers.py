"""The answers: stored with no key to the person who gave them.

What is stored, exactly (docs/survey.md repeats it):

* :class:`Response`: a random id, the round, the organisation the respondent belonged to
  when answering (the only attribute: results are grouped by it), and one small number
  per network item (1-5, 0 for "weet ik niet", empty when left blank).  No member, no
  user, no token, no invitation, no e-mail, no time of answering, no address.
* :class:`PartnerRating`: a random id, the response it belongs to (so that a person's
  ratings are counted once per pair of organisations), the organisation rated, and the
  six numbers.
* :class:`OpenAnswer`: a random id, the round and the text - not even the response or
  the organisation, so a text cannot be put next to its writer's scores.

Random ids (not counting numbers) keep the order of arrival out of the keys.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Organisation
from warmnet.surveys.models.round import SurveyRound

__all__ = ["OpenAnswer", "PartnerRating", "Response"]


def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(5)]
    )


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    trust = _score("trust")
    disagree = _score("disagree")
    whom_to_call = _score("whom to call")
    progress = _score("progress")
    loyalty = _score("loyalty")
    torn = _score("torn")

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return str(_("an answer"))


class PartnerRating(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    openness = _score("openness")
    reliability = _score("reliability")
    mission = _score("mission")
    influence = _score("influence")
    involvement = _score("involvement")
    resources = _score("resources")

    class Meta:
        verbose_name = _("partner rating")
        verbose_name_plural = _("partner ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "organisation"], name="survey_rate_partner_once"
            )
        ]

    def __str__(self) -> str:
        return str(_("a rating"))


class OpenAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="open_answers")
    text = models.TextField(max_length=2000)

    class Meta:
        verbose_name = _("open answer")
        verbose_name_plural = _("open answers")

    def __str__(self) -> str:
        return str(_("an open answer"))

from warmnet.surveys.models.answers import OpenAnswer, PartnerRating, Response
from warmnet.surveys.models.invitation import Invitation, SurveyToken
from warmnet.surveys.models.round import SurveyRound, SurveySettings

__all__ = [
    "Invitation",
    "OpenAnswer",
    "PartnerRating",
    "Response",
    "SurveyRound",
    "SurveySettings",
    "SurveyToken",
]

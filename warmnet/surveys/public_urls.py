"""The survey's only pages outside a network: answering through a personal link."""

from django.urls import path

from warmnet.surveys.views import answer

urlpatterns = [
    path("s/answered/", answer.answered, name="survey_answered"),
    path("s/<str:token>/", answer.answer, name="survey_answer"),
]

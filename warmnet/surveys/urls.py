from django.urls import path

from warmnet.surveys.views import answer, rounds

app_name = "surveys"
urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("new/", rounds.round_new, name="round_new"),
    path("settings/", rounds.survey_settings, name="settings"),
    path("<int:pk>/", rounds.round_detail, name="round_detail"),
    path("<int:pk>/export/", rounds.round_export, name="round_export"),
    path("<int:pk>/invite/", rounds.round_invite, name="round_invite"),
    path("<int:pk>/remind/", rounds.round_remind, name="round_remind"),
    path("<int:pk>/close/", rounds.round_close, name="round_close"),
    path("<int:pk>/answer/", answer.answer_own, name="answer_own"),
]

from django.urls import path

from warmnet.api import views

app_name = "api_tokens"
urlpatterns = [
    path("account/api-tokens/", views.token_list, name="token_list"),
    path("account/api-tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]

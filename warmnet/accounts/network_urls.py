from django.urls import path

from warmnet.accounts import invite_views

app_name = "accounts"
urlpatterns = [
    path("members/<int:pk>/account/", invite_views.invite_one, name="invite_one"),
    path("members/accounts/", invite_views.invite_many, name="invite_many"),
]

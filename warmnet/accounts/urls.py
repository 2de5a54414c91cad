from django.contrib.auth import views as auth_views
from django.urls import path

from warmnet.accounts import views
from warmnet.security.login import LoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

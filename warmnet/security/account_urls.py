from django.urls import path

from warmnet.privacy.views import my_data
from warmnet.security import login, twofactor

app_name = "account"
urlpatterns = [
    path("", twofactor.account, name="overview"),
    path("verify/", login.verify, name="verify"),
    path("two-factor/", twofactor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/remove/", twofactor.two_factor_remove, name="two_factor_remove"),
    path("personal-data/", my_data, name="personal_data"),
]

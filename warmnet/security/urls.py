from django.urls import path

from warmnet.security import views

app_name = "security"
urlpatterns = [
    path("security/", views.security_page, name="page"),
    path("security/unlock/<int:pk>/", views.unlock, name="unlock"),
]

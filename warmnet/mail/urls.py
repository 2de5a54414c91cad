from django.urls import path

from warmnet.mail import views

app_name = "mail"
urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_mail, name="outbox_mail"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox_retry"),
    path(
        "outbox/<int:pk>/attachment/<int:index>/",
        views.outbox_attachment,
        name="outbox_attachment",
    ),
]

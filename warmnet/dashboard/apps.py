from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.dashboard"
    label = "dashboard"

from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.background"
    label = "background"

from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.network"
    label = "network"

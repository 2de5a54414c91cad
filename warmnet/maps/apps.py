from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.maps"
    label = "maps"

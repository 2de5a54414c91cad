from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.generate"
    label = "generate"

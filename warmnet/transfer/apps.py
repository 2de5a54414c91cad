from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.transfer"
    label = "transfer"

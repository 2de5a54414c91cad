from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.dossiers"
    label = "dossiers"

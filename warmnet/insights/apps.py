from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.insights"
    label = "insights"

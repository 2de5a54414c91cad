from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.activities"
    label = "activities"

from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.accounts"
    label = "accounts"

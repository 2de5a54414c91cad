from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.network"
    label = "network"

    def ready(self) -> None:
        from warmnet.network import signals

        signals.connect()

from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.programme"
    label = "programme"

    def ready(self) -> None:
        from warmnet.programme import tasks

        tasks.connect()

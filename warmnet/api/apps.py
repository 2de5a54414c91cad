from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.api"
    label = "api"

    def ready(self) -> None:
        from warmnet.api import checks  # noqa: F401 (registers the system check)

from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.surveys"
    label = "surveys"

    def ready(self) -> None:
        from warmnet.surveys import checks  # noqa: F401  (registers the system checks)

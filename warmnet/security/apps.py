from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.security"
    label = "security"

    def ready(self) -> None:
        from warmnet.security import checks  # noqa: F401  (registers the system checks)

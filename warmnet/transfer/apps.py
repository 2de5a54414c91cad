from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.transfer"
    label = "transfer"

    def ready(self) -> None:
        from warmnet.transfer.calendar import checks  # noqa: F401  registers the checks

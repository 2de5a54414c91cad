from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.ops"
    label = "ops"
    verbose_name = "operations"

    def ready(self) -> None:
        from warmnet.ops import checks  # noqa: F401  (registers the checks)

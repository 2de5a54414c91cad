from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.background"
    label = "background"

    def ready(self) -> None:
        # declares the periodic job that prunes finished tasks
        from warmnet.background import tasks  # noqa: F401

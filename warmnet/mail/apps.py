from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.mail"
    label = "mail"

    def ready(self) -> None:
        # declares the periodic job that re-queues mails a dead worker left behind
        from warmnet.mail import tasks  # noqa: F401

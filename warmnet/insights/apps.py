from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.insights"
    label = "insights"

    def ready(self) -> None:
        # a write that moved a network's data version queues the background recompute
        from warmnet.insights import refresh

        refresh.connect()

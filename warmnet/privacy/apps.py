from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.privacy"
    label = "privacy"

    def ready(self) -> None:
        from warmnet.privacy import sections

        sections.register_core_sections()

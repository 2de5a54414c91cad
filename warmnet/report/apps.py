from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.report"
    label = "report"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from warmnet.privacy.registry import Section, register
        from warmnet.report import tasks  # noqa: F401  (declares the quarterly delivery)
        from warmnet.report.privacy import erase_recipient, recipient_of

        register(
            Section(
                "report",
                _("Steering-group report"),
                recipient_of,
                lambda member, _pseudonym: erase_recipient(member),
            ),
            before="audit",
        )

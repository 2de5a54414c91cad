from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.surveys"
    label = "surveys"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from warmnet.privacy.registry import Section, register
        from warmnet.surveys import (
            checks,  # noqa: F401  (registers the system checks)
            tasks,  # noqa: F401  (registers the periodic job)
        )
        from warmnet.surveys.privacy import erase_participation, participation_of

        # participation in rounds only: the answers carry no key to anyone
        register(
            Section(
                "surveys",
                _("Pulse survey participation"),
                participation_of,
                lambda member, _pseudonym: erase_participation(member),
            ),
            before="audit",
        )

from django.apps import AppConfig


class Config(AppConfig):
    name = "warmnet.api"
    label = "api"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from warmnet.api import checks  # noqa: F401 (registers the system check)
        from warmnet.api.tokens import delete_tokens, tokens_for_export
        from warmnet.privacy.registry import Section, register

        # ahead of the membership, whose erasure unlinks the login the tokens belong to
        register(
            Section(
                "api_tokens",
                _("API tokens"),
                lambda m: tokens_for_export(m.user, m.network) if m.user else [],
                lambda m, _pseudonym: m.user and delete_tokens(m.user, m.network),
            ),
            before="membership",
        )

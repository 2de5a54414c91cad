from django.apps import AppConfig


class UiConfig(AppConfig):
    """The design system's template helpers: icons, sortable column heads."""

    name = "warmnet.ui"
    label = "ui"

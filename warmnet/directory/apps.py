from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Who is who: the members list and the organisation pages, with the analysis's
    warmth beside the records for those who run the network."""

    name = "warmnet.directory"
    label = "directory"

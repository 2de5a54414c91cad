from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.txt,.xlsx,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


def too_large(form_class: type[forms.Form]) -> forms.Form:
    """An empty upload form that says the upload was over the size limit (the files were
    dropped while streaming in, so there is nothing else to show)."""
    form = form_class({}, MultiValueDict())
    form.is_valid()
    form.errors.clear()
    form.add_error(None, UploadForm.too_large_message())
    return form


class UploadForm(forms.Form):
    uploads = MultipleFileField(
        label=_("Files"),
        help_text=_("CSV, Excel (.xlsx) or a zip of CSV files; several at once is fine."),
    )

    @staticmethod
    def too_large_message() -> str:
        return _(
            "The files are larger than %(mb)s MB together, the limit for uploads. Split them, "
            "or let an administrator import them with the command line (warmnet import)."
        ) % {"mb": settings.WARMNET_UPLOAD_MAX_BYTES // 1_000_000}

    def clean_uploads(self) -> Any:
        files = self.cleaned_data["uploads"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files at once.") % {"count": MAX_FILES}
            )
        return files


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

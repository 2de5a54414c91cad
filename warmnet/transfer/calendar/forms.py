"""The calendar import's two forms: the upload, and the kinds chosen in the preview."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from warmnet.activities.models import ActivityKind
from warmnet.transfer.calendar.service import is_calendar_file
from warmnet.transfer.forms import MAX_FILES, MultipleFileField, MultipleFileInput

__all__ = ["SKIP", "CalendarUploadForm", "chosen_kinds"]

#: The preview's choice for "leave this event out".
SKIP = "skip"
_KIND_FIELD = re.compile(r"kind-([0-9a-f]{16})")


class CalendarUploadForm(forms.Form):
    calendars = MultipleFileField(
        label=_("Calendar file (.ics)"),
        help_text=_(
            "Exported from Outlook, Google Calendar or Apple Calendar, or an invitation you "
            "received; several files at once is fine."
        ),
        widget=MultipleFileInput(attrs={"accept": ".ics,text/calendar"}),
    )

    def clean_calendars(self) -> Any:
        files = self.cleaned_data["calendars"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files at once.") % {"count": MAX_FILES}
            )
        for upload in files:
            if not is_calendar_file(upload.name or ""):
                raise forms.ValidationError(
                    _(
                        "%(name)s is not a calendar file (.ics). Spreadsheets are imported on "
                        "the other import page."
                    )
                    % {"name": upload.name}
                )
        return files


def chosen_kinds(data: Any) -> dict[str, int | None] | None:
    """The kinds picked in the preview, by event key (None: leave out); None when a
    value is not a kind at all (a forged or stale form)."""
    kinds = {int(value) for value in ActivityKind.values}
    chosen: dict[str, int | None] = {}
    for name in data:
        match = _KIND_FIELD.fullmatch(name)
        if match is None:
            continue
        value = data.get(name, "")
        if value == SKIP:
            chosen[match.group(1)] = None
        elif value.isdigit() and int(value) in kinds:
            chosen[match.group(1)] = int(value)
        else:
            return None
    return chosen

"""Django's form renderer, with the long option lists written in Python.

A select (or a list of checkboxes) of every member of a large network has 10,000
options, and Django renders each through three included templates: on the 10,000-member
network the new-contact form took 1.07 s and the new-series form 1.0-1.4 s, nearly all
of it in those templates.  :class:`FormRenderer` writes the select and checkbox-list
widgets itself, to the byte what Django's own templates give
(``tests/ui/test_form_renderer.py`` compares them), and leaves every other template to
Django.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

__all__ = ["FormRenderer"]

_WIDGETS = "django/forms/widgets/"


def _text(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` (escaped unless already safe)."""
    return str(conditional_escape(value if isinstance(value, SafeData) else str(value)))


def _e(value: Any) -> str:
    """``{{ value }}``."""
    return str(conditional_escape(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_e(name)}" if value is True else f' {_e(name)}="{_text(value)}"')
    return "".join(out)


def _select(widget: dict[str, Any]) -> str | None:
    """``select.html`` with ``select_option.html`` for each option."""
    out = [f'<select name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_e(group_name)}">')
        for option in group_choices:
            if option["template_name"] != _WIDGETS + "select_option.html":
                return None
            out.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_e(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _checkboxes(widget: dict[str, Any]) -> str | None:
    """``checkbox_select.html`` (``multiple_input.html``) with ``checkbox_option.html``
    (``input_option.html``, ``input.html``) for each box."""
    attrs = widget["attrs"]
    head = "<div"
    if attrs.get("id"):
        head += f' id="{_e(attrs["id"])}"'
    if attrs.get("class"):
        head += f' class="{_e(attrs["class"])}"'
    out = [head + ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_e(group)}</label>")
        for option in options:
            if option["template_name"] != _WIDGETS + "checkbox_option.html":
                return None
            box = f'<input type="{_e(option["type"])}" name="{_e(option["name"])}"'
            if option["value"] is not None:
                box += f' value="{_text(option["value"])}"'
            box += _attrs(option["attrs"]) + ">\n"
            if option.get("wrap_label"):
                label = option["attrs"].get("id")
                box = (
                    (f'<label for="{_e(label)}">' if label else "<label>")
                    + box
                    + f" {_e(option['label'])}</label>"
                )
            out.append(f"<div>\n    {box}\n\n</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n\n")
    return "".join(out)


_FAST: dict[str, Callable[[dict[str, Any]], str | None]] = {
    _WIDGETS + "select.html": _select,
    _WIDGETS + "checkbox_select.html": _checkboxes,
}


class FormRenderer(DjangoTemplates):
    """Django's template renderer; the select and checkbox-list widgets in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = _FAST.get(template_name)
        if fast is not None:
            done = fast(context["widget"])
            if done is not None:
                return mark_safe(done.strip())  # as Django's own render()
        return super().render(template_name, context, request)

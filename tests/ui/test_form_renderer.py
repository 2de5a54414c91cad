"""The form renderer writes selects and checkbox lists itself: to the byte what Django's
own templates write, for every shape of them, and for the project's member forms."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from warmnet.activities.forms import ContactForm
from warmnet.network.models import Network
from warmnet.programme.forms import SeriesForm
from warmnet.ui.forms import FormRenderer

CHOICES = [
    ("", "---------"),
    (1, 'Tom & Jerry <"bv">'),
    ("Organisaties", [(2, "Gemeente Zwolle"), (3, "Waterschap")]),
    (4, mark_safe("<b>al veilig</b>")),
    (0, "nul"),
]


class Sample(forms.Form):
    one = forms.ChoiceField(choices=CHOICES)
    optional = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    classed = forms.MultipleChoiceField(
        choices=[(1, "a"), (2, "b")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "picker", "data-x": True}),
        help_text="help",
    )
    flat = forms.MultipleChoiceField(
        choices=[(1, "a"), (2, "b")],
        widget=forms.CheckboxSelectMultiple(attrs={"id": "", "disabled": False}),
        required=False,
    )


def _both(form_class: Any, **kwargs: Any) -> tuple[str, str]:
    ours = form_class(renderer=FormRenderer(), **kwargs)
    django = form_class(renderer=DjangoTemplates(), **kwargs)
    return str(ours), str(django)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"one": "2", "many": ["1", "3"], "boxes": ["0", "4"], "classed": ["2"]},
        {"one": "nothing", "boxes": ["9"]},  # errors: aria-invalid, error lists
    ],
)
def test_selects_and_checkbox_lists_are_written_as_django_writes_them(data: Any) -> None:
    ours, django = _both(Sample, data=data)
    assert ours == django
    assert "<select" in ours and 'type="checkbox"' in ours and "&lt;&quot;bv&quot;&gt;" in ours


def test_the_widgets_are_written_by_the_renderer_not_the_templates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    original = DjangoTemplates.render

    def spy(self: Any, template_name: str, context: Any, request: Any = None) -> str:
        asked.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", spy)
    str(Sample(renderer=FormRenderer()))
    assert not any("option" in name or name.endswith("select.html") for name in asked)
    assert asked, "the rest of the form still goes through the templates"


@pytest.mark.django_db
def test_the_member_forms_of_a_network_are_the_same_through_either_renderer(
    network_a: Network, alice: Any, bob: Any
) -> None:
    for form_class in (ContactForm, SeriesForm):
        ours, django = _both(form_class, network=network_a)
        assert ours == django
        assert "Alice de Vries" in ours and "Bob Jansen" in ours


def test_the_project_renders_its_forms_with_it(settings: Any) -> None:
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FormRenderer)

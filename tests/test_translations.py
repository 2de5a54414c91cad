"""The Dutch catalogue is complete, keeps every placeholder, is compiled, and covers the sources.

The .po file is read with a small parser below (no polib needed); the compiled
.mo file is read with Python's own ``gettext`` module.  The checks that need
GNU gettext (msgfmt, xgettext, msgmerge) skip with a reason when it is missing.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import warmnet

PACKAGE = Path(warmnet.__file__).resolve().parent
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# %(name)s, %(q).2f, %s, %d ... but not the "% o" that a "{pct}% of" in a brace
# sentence would otherwise look like; "%%" is a literal percent sign.
PERCENT = re.compile(r"%(?:\([^)]+\))?[#0+\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    def __str__(self) -> str:
        context = f" [{self.msgctxt}]" if self.msgctxt is not None else ""
        return f"line {self.line}{context}: {self.msgid!r}"


def read_po(path: Path) -> list[Entry]:
    """Every live entry of a .po file (the header and obsolete #~ entries left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int] = ("", 0)

    def finish() -> None:
        nonlocal entry
        if entry is not None and entry.msgid != "":
            entries.append(entry)
        entry = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if not line or line.startswith("#"):
            if entry is not None and entry.msgstr:
                finish()
            if line.startswith("#,"):
                flags = {f.strip() for f in line[2:].split(",")}
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            keyword, rest = "", line
        text = ast.literal_eval(rest)
        if not isinstance(text, str):
            raise AssertionError(f"{path}:{number}: not a quoted string: {raw!r}")
        if keyword == "msgctxt" or (
            keyword == "msgid" and (entry is None or entry.msgid or entry.msgstr)
        ):
            finish()
            entry, flags = Entry(line=number, flags=flags), set()
        if entry is None:
            raise AssertionError(f"{path}:{number}: {raw!r} is outside an entry")
        if keyword == "msgctxt":
            entry.msgctxt, target = text, ("msgctxt", 0)
        elif keyword == "msgid":
            entry.msgid, target = text, ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = text, ("msgid_plural", 0)
        elif keyword == "msgstr" or re.fullmatch(r"msgstr\[\d+\]", keyword):
            index = int(keyword[7:-1]) if keyword != "msgstr" else 0
            entry.msgstr[index], target = text, ("msgstr", index)
        elif keyword == "":
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, (getattr(entry, name) or "") + text)
        else:
            raise AssertionError(f"{path}:{number}: unknown keyword {keyword!r}")
    finish()
    return entries


def translated_pairs(entries: list[Entry]) -> Iterator[tuple[str, str, str]]:
    """(what, English, Dutch) for each form of each entry."""
    for e in entries:
        if e.msgid_plural is None:
            yield str(e), e.msgid, e.msgstr.get(0, "")
        else:
            for index, text in sorted(e.msgstr.items()):
                yield f"{e} form {index}", e.msgid if index == 0 else e.msgid_plural, text


def placeholders(text: str) -> tuple[Counter[str], Counter[str]]:
    text = text.replace("%%", "")
    return Counter(PERCENT.findall(text)), Counter(BRACE.findall(text))


def compiled(mo: Path) -> dict[Any, str]:
    with mo.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    catalogue.pop("", None)  # the header: creation dates, not translations
    return catalogue


def expected_catalogue(entries: list[Entry]) -> dict[Any, str]:
    """What a fresh compilation of the .po holds: translated, non-fuzzy entries only."""
    catalogue: dict[Any, str] = {}
    for e in entries:
        if "fuzzy" in e.flags or not all(e.msgstr.values()):
            continue
        if e.msgid_plural is None:
            catalogue[e.key] = e.msgstr[0]
        else:
            for index, text in e.msgstr.items():
                catalogue[(e.key, index)] = text
    return catalogue


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return read_po(PO)


def test_the_parser_reads_the_whole_catalogue(entries: list[Entry]) -> None:
    msgids = [
        line for line in PO.read_text(encoding="utf-8").splitlines() if line.startswith("msgid ")
    ]
    assert len(entries) == len(msgids) - 1  # the header is not an entry
    assert len(entries) > 400
    assert len({e.key for e in entries}) == len(entries)
    assert any(e.msgctxt == "scenario" for e in entries)
    assert any(e.msgid_plural for e in entries)


def test_every_message_in_the_dutch_catalogue_has_a_translation(entries: list[Entry]) -> None:
    untranslated = [what for what, _, dutch in translated_pairs(entries) if not dutch.strip()]
    assert untranslated == []


def test_no_translation_is_left_fuzzy(entries: list[Entry]) -> None:
    assert [str(e) for e in entries if "fuzzy" in e.flags] == []


def test_plural_messages_have_both_dutch_forms(entries: list[Entry]) -> None:
    incomplete = [str(e) for e in entries if e.msgid_plural and sorted(e.msgstr) != [0, 1]]
    assert incomplete == []


def test_every_translation_keeps_the_placeholders_of_its_message(entries: list[Entry]) -> None:
    changed = [
        f"{what}: {placeholders(english)} became {placeholders(dutch)}"
        for what, english, dutch in translated_pairs(entries)
        if placeholders(english) != placeholders(dutch)
    ]
    assert changed == []


def test_the_compiled_catalogue_matches_the_po_file(entries: list[Entry], tmp_path: Path) -> None:
    assert MO.exists(), "django.mo is missing: run compilemessages -l nl and commit it"
    if shutil.which("msgfmt"):
        fresh = tmp_path / "fresh.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
        expected = compiled(fresh)
    else:
        expected = expected_catalogue(entries)
    actual = compiled(MO)
    stale = sorted(str(k) for k in expected.keys() ^ actual.keys())
    stale += sorted(str(k) for k in expected.keys() & actual.keys() if expected[k] != actual[k])
    assert stale == [], "django.mo is older than django.po: run compilemessages -l nl"


def test_the_catalogue_passes_the_checks_of_msgfmt() -> None:
    if not shutil.which("msgfmt"):
        pytest.skip("GNU msgfmt is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("context", "english", "dutch"),
    [
        (
            None,
            "A member cannot leave before joining.",
            "Een lid kan niet vertrekken voordat het is toegetreden.",
        ),
        (None, "%(network)s — analysis as of %(date)s", "%(network)s — analyse per %(date)s"),
        (None, "WARMTH", "WARMTE"),
        (None, "FAULT LINES", "BREUKLIJNEN"),
        (None, "SIGNALS", "SIGNALEN"),
        (None, "SCENARIO", "SCENARIO"),
        (None, "covenant", "convenant"),
        (None, "Save", "Opslaan"),
        (None, "letter of intent", "intentieverklaring"),
        (None, "point of dispute", "geschilpunt"),
        (None, "hard moment", "moeilijk moment"),
        (None, "Audit log", "Logboek"),
        ("scenario", "content first", "eerst inhoud"),
        ("scenario", "kick-off then content", "aftrap, dan inhoud"),
        ("scenario", "content and relationship together", "inhoud en relatie samen"),
        ("scenario", "talking shop", "praatclub"),
        ("scenario", "not enough data", "te weinig gegevens"),
    ],
)
def test_the_agreed_terms_reach_the_dutch_interface(
    context: str | None, english: str, dutch: str
) -> None:
    with translation.override("nl"):
        found = translation.pgettext(context, english) if context else translation.gettext(english)
    assert found == dutch


def test_the_catalogue_holds_every_message_in_the_sources(
    entries: list[Entry], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing_tools = [tool for tool in ("xgettext", "msgmerge", "msguniq") if not shutil.which(tool)]
    if missing_tools:
        pytest.skip(f"GNU gettext is not installed ({', '.join(missing_tools)} missing)")
    copy = tmp_path / "warmnet"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages",
            locale=["nl"],
            no_obsolete=True,
            ignore_patterns=["engine/*"],
            verbosity=0,
        )
    regenerated = read_po(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    committed = {e.key for e in entries}
    missing = sorted(repr(e.key) for e in regenerated if e.key not in committed)
    assert missing == [], (
        "messages in the sources that the Dutch catalogue lacks: run makemessages -l nl, "
        "translate, compilemessages"
    )

"""Walk every page of the demo network as one person, on a phone (390 x 844) and a
desktop (1366 x 900), in Dutch and in English: no page is wider than the screen, and
axe-core finds nothing serious or critical.

The pages are the person's menu plus one of each record page behind it (a member, an
organisation, an activity, a dossier, a point, the forms), found in the database.  The
network map page is checked by its own test (``test_map*.py``).
"""

from __future__ import annotations

from io import StringIO
from typing import Any

from tests.browser.axe import describe, serious_violations
from warmnet.activities.models import Activity
from warmnet.dossiers.models import Dossier, Point
from warmnet.generate.management.commands.demo import ensure_logins, ensure_network
from warmnet.network.models import Member, Network, Organisation

PASSWORD = "gedeelde-visie-2025"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SCREENS = [("phone", PHONE), ("desktop", DESKTOP)]
LANGUAGES = [("nl", "nl-NL"), ("en", "en-GB")]
#: Left to the map's own tests.
SKIP = ("/map/",)


def demo_network() -> Network:
    network = ensure_network(StringIO())
    ensure_logins(network, {"coordinator": PASSWORD, "deelnemer": PASSWORD})
    return network


def record_pages(network: Network, writer: bool) -> list[str]:
    """One page of each kind of record, and (for a writer) the forms."""
    base = f"/n/{network.slug}"
    member = Member.objects.filter(network=network).order_by("pk").first()
    org = Organisation.objects.filter(network=network).order_by("pk").first()
    activity = Activity.objects.filter(network=network).order_by("-start").first()
    dossier = Dossier.objects.filter(network=network).order_by("pk").first()
    point = Point.objects.filter(network=network, dossier=dossier).order_by("pk").first()
    assert member and org and activity and dossier and point
    pages = [
        f"{base}/members/{member.pk}/",
        f"{base}/organisations/{org.pk}/",
        f"{base}/activities/{activity.pk}/",
        f"{base}/activities/calendar/?view=list",
        f"{base}/dossiers/{dossier.pk}/",
        f"{base}/dossiers/{dossier.pk}/points/{point.pk}/",
    ]
    if writer:
        pages += [
            f"{base}/dossiers/{dossier.pk}/positions/",
            f"{base}/dossiers/{dossier.pk}/points/{point.pk}/positions/grid/",
            f"{base}/map/organisations/",
            f"{base}/map/points/{point.pk}/",
            f"{base}/activities/new/",
            f"{base}/activities/{activity.pk}/edit/",
            f"{base}/members/new/",
            f"{base}/contacts/new/",
            f"{base}/dossiers/{dossier.pk}/points/{point.pk}/positions/new/",
            f"{base}/milestones/new/",
        ]
    return pages


def walk(browser: Any, base: str, username: str, extra: list[str]) -> list[str]:
    """Every page at both sizes in both languages; returns the problems found."""
    problems: list[str] = []
    for language, locale in LANGUAGES:
        for screen, viewport in SCREENS:
            context = browser.new_context(viewport=viewport, locale=locale)
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{base}/login/")
            page.locator("input[name=username]").fill(username)
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("form.record button[type=submit]").click()
            page.wait_for_url(lambda url: "/login/" not in url)
            menu = page.locator("nav.sections a").evaluate_all("as => as.map(a => a.href)")
            paths = [u.removeprefix(base) for u in menu] + extra + ["/", "/account/"]
            for path in dict.fromkeys(paths):
                if any(path.endswith(s) for s in SKIP):
                    continue
                where = f"{username} {language} {screen} {path}"
                response = page.goto(base + path)
                if response is None or response.status != 200:
                    problems.append(f"{where}: status {response and response.status}")
                    continue
                page.wait_for_load_state("load")
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"]:
                    problems.append(f"{where}: {width} px wide")
                found = serious_violations(page)
                if found:
                    problems.append(f"{where}:\n{describe(found)}")
            context.close()
    return problems

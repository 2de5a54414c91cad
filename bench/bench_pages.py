"""Server time of the main pages of one network, with its analysis cached.

    WARMNET_DATA_DIR=... .venv/bin/python bench/bench_pages.py SLUG [--repeat 5]

Uses the network's first coordinator (linking a user "bench" to it when nobody is
linked), asks each page once to warm the cache, then prints the median and the
slowest of ``--repeat`` requests through Django's test client.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402 (after setup)
from django.test import Client  # noqa: E402

from warmnet.activities.models import Activity  # noqa: E402
from warmnet.dossiers.models import Point  # noqa: E402
from warmnet.network.models import Member, Network, Role  # noqa: E402


def page_urls(net: Network) -> dict[str, str | None]:
    """The main pages of ``net`` (None where the network has nothing to show)."""
    member = Member.objects.filter(network=net).order_by("id").first()
    point = Point.objects.filter(network=net, kind=0).order_by("id").first()
    latest = (
        Activity.objects.filter(network=net).order_by("-start").values_list("pk", flat=True).first()
    )
    base = f"/n/{net.slug}"
    return {
        "dashboard": f"{base}/",
        "map": f"{base}/map/",
        "organisation map": f"{base}/map/organisations/",
        "member": f"{base}/members/{member.pk}/" if member else None,
        "members": f"{base}/members/",
        "fault line": f"{base}/map/points/{point.pk}/" if point else None,
        "dossier": f"{base}/dossiers/{point.dossier_id}/" if point else None,
        "calendar": f"{base}/activities/calendar/",
        "attendance grid": f"{base}/attendance/",
        "activities": f"{base}/activities/",
        "members by warmth": f"{base}/members/?sort=warmth",
        "members by seen": f"{base}/members/?sort=seen",
        "organisation": (f"{base}/organisations/{member.organisation_id}/" if member else None),
        "positions grid": f"{base}/dossiers/{point.dossier_id}/positions/" if point else None,
        "activity": f"{base}/activities/{latest}/" if latest else None,
        "organisations": f"{base}/organisations/",
        "contacts": f"{base}/contacts/",
        "new contact": f"{base}/contacts/new/",
        "new series": f"{base}/programme/series/new/",
        "new position": f"{base}/dossiers/{point.dossier_id}/points/{point.pk}/positions/new/"
        if point
        else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    net = Network.objects.get(slug=args.slug)
    coordinator = Member.objects.filter(network=net, role=Role.COORDINATOR).order_by("id").first()
    if coordinator is None:
        raise SystemExit(f"{args.slug} has no coordinator")
    if coordinator.user is None:
        coordinator.user, _ = get_user_model().objects.get_or_create(username="bench")
        coordinator.save(update_fields=["user"])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator.user)
    pages = page_urls(net)
    start = time.perf_counter()
    client.get(pages["dashboard"])
    print(f"first dashboard (analyses computed): {time.perf_counter() - start:.1f} s")
    for name, url in pages.items():
        if url is None:
            continue
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            times.append(1000 * (time.perf_counter() - start))
        print(f"{name:18s} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")


if __name__ == "__main__":
    main()

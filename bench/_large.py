"""What the benchmarks on the large network share: the network (generated once into the
database they run on) and a login of its first coordinator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command

from warmnet.network.models import Member, Network, Role


def large_network(slug: str, start: dt.date | None = None) -> Network:
    """The network ``slug``, generated (large, seed 1) when this database lacks it; its
    history from ``start`` (default: the generator's fixed five years up to 2025)."""
    if not Network.objects.filter(slug=slug).exists():
        print(f"generating {slug} (large) once into this database ...", flush=True)
        extra = ["--start", start.isoformat()] if start else []
        call_command("generate", slug, "--size", "large", "--seed", "1", *extra)
    return Network.objects.get(slug=slug)


def coordinator_user(net: Network) -> Any:
    """The user of the network's first coordinator (one named "bench" if it has none)."""
    coordinator = Member.objects.filter(network=net, role=Role.COORDINATOR).order_by("id").first()
    if coordinator is None:
        raise SystemExit(f"{net.slug} has no coordinator")
    if coordinator.user is None:
        coordinator.user, _ = get_user_model().objects.get_or_create(username="bench")
        coordinator.save(update_fields=["user"])
    return coordinator.user

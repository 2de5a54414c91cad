"""Making an empty network, and deleting one with everything in it, on a coordinator's word.

A network's members protect their organisations (a member cannot lose its
organisation), so deleting a network takes its rows away in order: members first,
then the network, whose other rows go with it.  Only a coordinator of that network
may delete it, and only after typing its short name; the deletion is logged in the
audit trail (network, who, how many rows; no personal data), which outlives it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network, Organisation
from warmnet.network.models.member import Role

__all__ = ["create_network", "delete_network", "is_coordinator"]


def create_network(slug: str, name: str, description: str = "", *, user: Any = None) -> Network:
    """An empty network; raises ``ValidationError`` for a bad or taken short name."""
    slug = slug.strip()
    name = name.strip()
    validate_slug(slug)
    if not name:
        raise ValidationError(_("A network needs a name."))
    if len(slug) > 60 or len(name) > 200:
        raise ValidationError(_("The short name is at most 60 and the name 200 characters."))
    with transaction.atomic():
        if Network.objects.filter(slug=slug).exists():
            raise ValidationError(
                _("A network with short name %(slug)s already exists.") % {"slug": slug}
            )
        network = Network.objects.create(slug=slug, name=name, description=description)
        log_action(network, user, "create", network, object_type="network")
    return network


def is_coordinator(user: Any, network: Network) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and Member.objects.filter(network=network, user=user, role=Role.COORDINATOR).exists()
    )


def delete_network(network: Network, user: Any, confirm: str) -> dict[str, int]:
    """Delete ``network`` and all its rows.  ``user`` must be one of its coordinators and
    ``confirm`` its short name.  Returns how many members and organisations went."""
    if not is_coordinator(user, network):
        raise PermissionDenied(_("Only a coordinator of this network may delete it."))
    if confirm.strip() != network.slug:
        raise ValidationError(
            _("Type the network's short name, %(slug)s, to confirm.") % {"slug": network.slug}
        )
    with transaction.atomic():
        counts = {
            "members": Member.objects.filter(network=network).count(),
            "organisations": Organisation.objects.filter(network=network).count(),
        }
        summary = f"{network.name} ({network.slug})"
        Member.objects.filter(network=network).delete()
        network.delete()
        log_action(
            None,
            user,
            "delete",
            None,
            object_type="network",
            summary=summary,
            changes=counts,
        )
    return counts

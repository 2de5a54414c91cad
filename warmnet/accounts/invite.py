"""Giving a member a login: an e-mail with a one-time link to choose a password.

The link is Django's password-reset token (it stops working once a password is
set, or after ``PASSWORD_RESET_TIMEOUT``).  A person who already has a Warmnet
account under the same address is linked to it and told by e-mail, without a
password link.  What the member sees follows from their role in the network.
"""

from __future__ import annotations

import enum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from warmnet.mail.send import mail_address, mail_member
from warmnet.network.actions import log_action
from warmnet.network.models import Member, Network

__all__ = ["InviteResult", "QueuedPasswordResetForm", "invite_member", "set_password_path"]


class InviteResult(enum.Enum):
    INVITED = "invited"
    LINKED = "linked"
    NO_EMAIL = "no_email"
    HAS_ACCOUNT = "has_account"


def set_password_path(user: Any, view: str = "set_password") -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(view, args=[uid, default_token_generator.make_token(user)])


def _split(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().partition(" ")
    return first[:150], last[:150]


def invite_member(network: Network, by: Any, member: Member) -> InviteResult:
    """Give ``member`` a login to Warmnet (see the module docstring)."""
    if member.user_id is not None:
        return InviteResult.HAS_ACCOUNT
    if not member.email:
        return InviteResult.NO_EMAIL
    users = get_user_model()
    with transaction.atomic():
        existing = list(users.objects.filter(email__iexact=member.email, is_active=True)[:2])
        if (
            len(existing) == 1
            and not Member.objects.filter(network=network, user=existing[0]).exists()
        ):
            member.user = existing[0]
            member.save(update_fields=["user"])
            log_action(network, by, "link_account", member)
            mail_member(member, "accounts/mail/added", {}, kind="account_added")
            return InviteResult.LINKED
        username = member.email.lower()
        if users.objects.filter(username__iexact=username).exists():
            username = f"{username}-{member.pk}"
        first, last = _split(member.name)
        user = users.objects.create_user(
            username=username[:150], email=member.email, first_name=first, last_name=last
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        member.user = user
        member.save(update_fields=["user"])
        log_action(network, by, "invite_account", member)
        mail_member(
            member,
            "accounts/mail/invite",
            {"set_password_path": set_password_path(user), "username": user.get_username()},
            kind="account_invite",
            private=True,
        )
    return InviteResult.INVITED


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through Warmnet's mail queue (in the page's
    language), also to accounts invited that never chose a password."""

    def get_users(self, email: str) -> Any:
        users = get_user_model()
        return (
            u
            for u in users.objects.filter(email__iexact=email, is_active=True)
            if u.email and u.email.lower() == email.lower()
        )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        mail_address(
            to_email,
            "accounts/mail/reset",
            {
                "user": user,
                "reset_path": set_password_path(user, "password_reset_confirm"),
                "username": user.get_username(),
            },
            kind="password_reset",
            language=translation.get_language() or "",
            user=user,
            private=True,
        )

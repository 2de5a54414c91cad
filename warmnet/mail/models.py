from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from warmnet.network.models import Member, Network


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    OUTBOX = "outbox", _("kept in the outbox (no mail server configured)")
    RETRYING = "retrying", _("failed, will be tried again")
    FAILED = "failed", _("failed")
    BOUNCED = "bounced", _("refused by the recipient's mail server")


#: Mails that still wait for the worker.
PENDING = (MailStatus.QUEUED, MailStatus.RETRYING)
#: Mails that left (or, in the demo, were kept where coordinators can read them).
DELIVERED = (MailStatus.SENT, MailStatus.OUTBOX)


class OutgoingMail(models.Model):
    """One e-mail to one person: what was sent, and what became of it.

    The content is rendered when the mail is queued, so a retry sends the same
    mail and the outbox shows what the person got.  A ``private`` mail (one with a
    sign-in link) has its content erased once it is sent or has failed for good.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("network")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mails",
        verbose_name=_("member"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user account"),
    )
    to = models.EmailField(_("to"), max_length=254)
    to_name = models.CharField(_("name"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    #: [{"filename", "mimetype", "content", "method"}]: text attachments such as .ics
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=40)
    #: What the mail is about, e.g. "activity:12", for the outbox's filters.
    reference = models.CharField(_("about"), max_length=60, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    private = models.BooleanField(_("private"), default=False)
    #: A survey mail: the outbox shows it only as a count per round and kind, never who
    #: it went to or what it said; its recipient and text are erased once it is sent.
    sealed = models.BooleanField(_("sealed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["network", "-created_at"], name="mail_by_network"),
            models.Index(fields=["status", "next_attempt_at"], name="mail_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to}: {self.get_status_display()}"

    @property
    def delivered(self) -> bool:
        return self.status in DELIVERED

    @property
    def trouble(self) -> bool:
        return self.status in (MailStatus.RETRYING, MailStatus.FAILED, MailStatus.BOUNCED)

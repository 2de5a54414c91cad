"""The Django admin lists every model for a superuser; the audit log is read-only there."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from warmnet.activities.models import Activity, Attendance
from warmnet.network.models import AuditEntry, Member

WARMNET_APPS = ("network", "activities", "dossiers")


@pytest.fixture
def admin_client_(db: Any) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def test_every_warmnet_model_is_in_the_admin() -> None:
    missing = [
        m.__name__
        for label in WARMNET_APPS
        for m in apps.get_app_config(label).get_models()
        if m not in admin.site._registry
    ]
    assert missing == []


def test_every_changelist_and_add_page_renders(
    admin_client_: Client, activity_a: Activity, henk: Member
) -> None:
    Attendance.objects.create(network=activity_a.network, activity=activity_a, member=henk)
    for label in WARMNET_APPS:
        for model in apps.get_app_config(label).get_models():
            name = f"admin:{label}_{model._meta.model_name}_changelist"
            assert admin_client_.get(reverse(name)).status_code == 200, name
            if model is not AuditEntry:
                add = f"admin:{label}_{model._meta.model_name}_add"
                assert admin_client_.get(reverse(add)).status_code == 200, add


def test_big_foreign_keys_are_raw_ids_for_attendance() -> None:
    model_admin = admin.site._registry[Attendance]
    assert set(model_admin.raw_id_fields) >= {"activity", "member"}


def test_the_audit_log_cannot_be_changed_in_the_admin(
    admin_client_: Client, network_a: Any
) -> None:
    entry = AuditEntry.objects.create(network=network_a, action="create", object_type="x")
    change = reverse("admin:network_auditentry_change", args=[entry.pk])
    assert admin_client_.post(change, {"action": "delete"}).status_code == 403
    assert AuditEntry.objects.get().action == "create"
    assert admin_client_.get(reverse("admin:network_auditentry_add")).status_code == 403

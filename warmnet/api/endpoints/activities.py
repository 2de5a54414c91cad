"""Activities: read them, and record, change or delete them as the pages do."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from warmnet.activities.forms import ActivityForm
from warmnet.activities.models import Activity, ActivityKind
from warmnet.api import present
from warmnet.api.endpoints.common import dated, page_of
from warmnet.api.schemas.codes import value_of
from warmnet.api.schemas.errors import read_responses, write_responses
from warmnet.api.schemas.ids import Id
from warmnet.api.schemas.params import ActivityParams
from warmnet.api.schemas.records import ActivityOut, Page
from warmnet.api.schemas.writes import ActivityIn, ActivityPatch
from warmnet.api.scoping import api_view
from warmnet.api.writing import activity_data, raise_for
from warmnet.network.actions import delete_object, save_form
from warmnet.network.scoping import get_owned

router = Router(tags=["activities"])

ORDER = ("start", "pk")


@router.get("/networks/{network}/activities", response=read_responses(Page[ActivityOut]))
@api_view()
def activity_list(
    request: HttpRequest, network: str, params: Query[ActivityParams]
) -> dict[str, Any]:
    """Activities from the oldest start on; `since` and `until` are about the start."""
    rows = dated(
        Activity.objects.filter(network=request.network),  # type: ignore[attr-defined]
        "start",
        params,
        moment=True,
    )
    if params.kind is not None:
        rows = rows.filter(kind=value_of(ActivityKind, params.kind))
    if params.dossier_id is not None:
        rows = rows.filter(dossier_id=params.dossier_id)
    return page_of(rows, params, present.activity, ORDER)


@router.get("/networks/{network}/activities/{id}", response=read_responses(ActivityOut))
@api_view()
def activity_detail(request: HttpRequest, network: str, id: Id) -> ActivityOut:
    return present.activity(get_owned(request, Activity, id))


@router.post("/networks/{network}/activities", response=write_responses(ActivityOut, 201))
@api_view(write=True)
def activity_create(request: HttpRequest, network: str, body: ActivityIn) -> Status:
    """Record an activity, validated as the activity form on the pages validates it."""
    form = ActivityForm(
        activity_data(body.model_dump(exclude_unset=True)),
        network=request.network,  # type: ignore[attr-defined]
    )
    raise_for(form)
    activity = save_form(request.network, request.user, form)  # type: ignore[attr-defined]
    assert isinstance(activity, Activity)
    return Status(201, present.activity(activity))


@router.patch("/networks/{network}/activities/{id}", response=write_responses(ActivityOut))
@api_view(write=True)
def activity_update(request: HttpRequest, network: str, id: Id, body: ActivityPatch) -> ActivityOut:
    """Change the fields given; the others keep their values (a new start keeps the
    duration unless `end` or `duration_minutes` is given too)."""
    instance = get_owned(request, Activity, id)
    form = ActivityForm(
        activity_data(body.model_dump(exclude_unset=True), instance),
        instance=instance,
        network=request.network,  # type: ignore[attr-defined]
    )
    raise_for(form)
    activity = save_form(request.network, request.user, form)  # type: ignore[attr-defined]
    assert isinstance(activity, Activity)
    return present.activity(activity)


@router.delete("/networks/{network}/activities/{id}", response=write_responses(None, 204))
@api_view(write=True)
def activity_delete(request: HttpRequest, network: str, id: Id) -> Status:
    """Delete an activity and its attendance."""
    delete_object(request.network, request.user, get_owned(request, Activity, id))  # type: ignore[attr-defined]
    return Status(204, None)

"""In the shared cache an analysis is kept without its two tie matrices, which have a
key of their own and are fetched when a page first reads them: on a large network they
are nearly all of an analysis, and most pages never read them.

Runs against ``WARMNET_TEST_REDIS_URL`` (Redis database 5 on this machine by default) and
is skipped, saying so, where no Redis answers there."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation

from tests.insights.test_superseded_results import NOW, use_redis
from warmnet.engine.analyse import jsonable
from warmnet.engine.groups import Groups
from warmnet.generate.synth import generate_network
from warmnet.generate.writer import write_network
from warmnet.insights import service
from warmnet.insights.refresh import refresh_network
from warmnet.network.models import Network

TODAY = dt.date(2026, 10, 31)


@pytest.fixture
def shared(db: Any, settings: Any) -> Network:
    use_redis(settings, "layers-test")
    generated = generate_network(
        seed=5, size="demo", scenario="together", start=dt.date(2024, 11, 1), years=2
    )
    with time_machine.travel(NOW, tick=False):
        network = write_network(generated, "layers").network
        refresh_network(network)
    yield network
    cache.clear()


def _same(a: Any, b: Any) -> bool:
    return a.shape == b.shape and (a != b).nnz == 0 and a.nnz == b.nnz


def test_another_process_fetches_the_analysis_without_its_tie_matrices(shared: Network) -> None:
    with time_machine.travel(NOW, tick=False):
        computed = service.analysis_for(shared, TODAY)  # the worker's own copy
        assert computed.result.ties.nnz > 0
        service.forget_recent()  # as another app server: only the shared cache
        served = service.analysis_for(shared, TODAY)
    assert served.key == computed.key and served is not computed
    assert "ties" not in vars(served.result), "not fetched before a page reads them"
    main = len(pickle.dumps(cache.get(served.key)))
    layers = len(pickle.dumps(cache.get(served.key + service.LAYERS)))
    assert main < layers, (main, layers)
    # read when needed, and then the same as computed
    assert _same(served.result.ties, computed.result.ties)
    assert _same(served.result.familiarity, computed.result.familiarity)
    assert jsonable(served.result.groups) == jsonable(computed.result.groups)
    # the run's Leiden went on in a helper process; what was shared holds the groups
    assert isinstance(cache.get(served.key).result.groups, Groups)
    assert served.result.to_dict()["ties"] == computed.result.to_dict()["ties"]
    # pickled again, it still leaves them out
    assert "ties" not in vars(pickle.loads(pickle.dumps(served.result)))


def test_tie_matrices_the_cache_let_go_are_computed_again_for_the_same_members(
    shared: Network,
) -> None:
    with time_machine.travel(NOW, tick=False):
        computed = service.analysis_for(shared, TODAY)
        service.forget_recent()
        served = service.analysis_for(shared, TODAY)
        cache.delete(served.key + service.LAYERS)  # evicted under memory pressure
        assert _same(served.result.ties, computed.result.ties)
        assert _same(served.result.familiarity, computed.result.familiarity)


def test_the_member_page_of_another_process_shows_the_ties(
    shared: Network, client: Any, alice: Any
) -> None:
    from tests.conftest import _member  # the personas' helper
    from warmnet.network.models import Organisation, Role

    with time_machine.travel(NOW, tick=False):
        org = Organisation.objects.filter(network=shared).first()
        _member(shared, org, "Alice de Vries", Role.COORDINATOR, alice)
        refresh_network(shared)
        computed = service.analysis_for(shared, TODAY)
        ties = computed.result.ties
        row = int(ties.getnnz(axis=1).argmax())  # the member with most ties
        member_id = computed.lookup.member_id[row]
        values = ties.data[ties.indptr[row] : ties.indptr[row + 1]]
        warm = int((values >= computed.result.settings.warm_threshold).sum())
        assert warm > 0
        service.forget_recent()
        client.force_login(alice)
        response = client.get(f"/n/{shared.slug}/members/{member_id}/")
    assert response.status_code == 200
    with translation.override("nl"):
        counted = f"<li><strong>{warm}</strong> {translation.gettext('warm ties')}</li>"
    assert counted in response.content.decode(), "the member's warm ties, from the matrices"

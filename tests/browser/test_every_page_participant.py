"""Every page a participant reaches, on a phone and a desktop, in Dutch and English:
nothing wider than the screen, nothing serious or critical for axe-core."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.walk import demo_network, record_pages, walk

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_page_of_a_participant_fits_a_phone_and_passes_axe(
    live_server: Any, browser: Any
) -> None:
    network = demo_network()
    problems = walk(browser, live_server.url, "deelnemer", record_pages(network, writer=False))
    assert not problems, "\n".join(problems)

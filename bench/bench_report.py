"""Time per stage of the steering-group report on the large network, against the
analysis alone as the baseline in the same process.

    WARMNET_DATA_DIR=/tmp/wn-report-bench .venv/bin/python bench/bench_report.py \
        [SLUG] [--quarter 2024-Q4] [--repeat 3] [--language nl]

The network (10,000 members, 200,000 activities, ~2,000,000 attendance rows) is made
once with ``warmnet generate SLUG --size large`` when it is not there yet, and reused
after.  Each repetition starts cold (the analysis caches emptied), as the first download
of a quarter's report does, and times:

- the **analysis** as of the quarter's last day: the baseline, what the dashboard pays;
- the analysis as of the **quarter before**, for the changes on the summary page;
- the **report's content** (figures, sections, queries) from the two;
- the **HTML** (templates, the chart's SVG);
- the **PDF** (WeasyPrint: layout, fonts, writing).

It prints the median wall-clock and processor seconds per stage, the total against the
target of 10 s, the number of pages, and the 1-minute load average before and after (the
machine is shared; processor seconds are the steadier figure).  Figures, not assertions.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from warmnet.insights.service import analysis_for, forget_recent  # noqa: E402
from warmnet.network.models import Network  # noqa: E402
from warmnet.report import content as report_content  # noqa: E402
from warmnet.report.actions import draft_for  # noqa: E402
from warmnet.report.pdf import render_html, render_pdf  # noqa: E402
from warmnet.report.periods import parse_quarter  # noqa: E402

TARGET_S = 10.0


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slug", nargs="?", default="large-bench")
    parser.add_argument("--quarter", default="2024-Q4")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--language", default="nl")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    network = Network.objects.filter(slug=args.slug).first()
    if network is None:
        print(f"generating {args.slug} (large) ...", flush=True)
        call_command("generate", args.slug, size="large", scenario="kickoff-then-content")
        network = Network.objects.get(slug=args.slug)
    period = parse_quarter(args.quarter)
    assert period is not None, args.quarter
    previous = period.previous()
    draft = draft_for(network, period)
    print(f"{network.name}: report of {period.quarter}, language {args.language}")
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    stages: dict[str, list[tuple[float, float]]] = {}
    pages = 0
    with translation.override(args.language):
        for _ in range(args.repeat):
            cache.clear()
            forget_recent()
            _a, w, c = timed(lambda: analysis_for(network, period.end))
            stages.setdefault("analysis (baseline)", []).append((w, c))
            _b, w, c = timed(lambda: analysis_for(network, previous.end))
            stages.setdefault("analysis, quarter before", []).append((w, c))
            # both analyses are cached now: this is the report's own work on top
            r, w, c = timed(lambda: report_content.build_report(network, period, draft))
            stages.setdefault("report content", []).append((w, c))
            _h, w, c = timed(partial(render_html, r))
            stages.setdefault("HTML", []).append((w, c))
            pdf, w, c = timed(partial(render_pdf, r))
            stages.setdefault("PDF (WeasyPrint, HTML included)", []).append((w, c))
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"{'stage':34} {'wall s':>8} {'cpu s':>8}")
    total_w = total_c = 0.0
    for name, runs in stages.items():
        w = statistics.median(x for x, _ in runs)
        c = statistics.median(y for _, y in runs)
        if name != "HTML":  # the PDF stage renders the HTML again
            total_w += w
            total_c += c
        print(f"{name:34} {w:8.2f} {c:8.2f}")
    base = statistics.median(x for x, _ in stages["analysis (baseline)"])
    print(f"{'total (cold, one download)':34} {total_w:8.2f} {total_c:8.2f}")
    print(
        f"against the analysis alone: {total_w / base:.1f}x; target {TARGET_S:.0f} s: "
        f"{'met' if total_w < TARGET_S else 'NOT met'}; {pages} pages"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

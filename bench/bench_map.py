"""The network map in a real browser: how fast it draws a network and answers search and focus.

    WARMNET_DATA_DIR=/tmp/wn-map-bench .venv/bin/warmnet generate large --size large
    WARMNET_DATA_DIR=/tmp/wn-map-bench .venv/bin/python bench/bench_map.py large \
        --as-of 2025-01-01 [--port 8069] [--repeat 3]

Prints the server time of the map's data (cold: analysis, layout and JSON computed; warm:
cached), then starts a server on 127.0.0.1:PORT and drives Debian's Chromium with
Playwright: time to first draw, search-to-focus (type a name, choose it), focus (click a
member on the canvas), a replay step (one month back, cold and cached).  Each browser figure
is measured inside the page from the action to the second animation frame after the map has
changed, beside a baseline in the same page (two animation frames after nothing), and as
wall-clock seen from Python.  Processor seconds of the server are printed too, and the load
average, since this machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warmnet.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402 (after setup)
from django.test import Client  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from warmnet.network.models import Member, Network, Role  # noqa: E402

CHROMIUM = os.environ.get("WARMNET_CHROMIUM", "/usr/bin/chromium")
USERNAME = "bench-map"

# In the page: run an action, then wait until `done()` holds and two frames have been drawn.
MEASURE = """
async ([action, done, arg]) => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const act = new Function("arg", action), check = new Function("arg", done);
  const t0 = performance.now();
  await act(arg);
  while (!check(arg)) {
    if (performance.now() - t0 > 180000) throw new Error("no change within three minutes");
    await new Promise(r => setTimeout(r, 2));
  }
  await frames();
  return performance.now() - t0;
}
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def coordinator_login(net: Network) -> str:
    """A password for the network's first coordinator (a user made for the bench)."""
    member = Member.objects.filter(network=net, role=Role.COORDINATOR).order_by("id").first()
    if member is None:
        raise SystemExit(f"{net.slug} has no coordinator")
    password = secrets.token_urlsafe(12)
    if member.user is None:
        member.user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        member.save(update_fields=["user"])
    member.user.set_password(password)
    member.user.save(update_fields=["password"])
    return f"{member.user.get_username()}\n{password}"


def server_times(net: Network, username: str, as_of: str, repeat: int) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    url = f"/n/{net.slug}/map/data/?as_of={as_of}"
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    print(
        f"server, map data cold (analysis, layout, JSON): {time.perf_counter() - wall:6.2f} s "
        f"wall, {time.process_time() - cpu:6.2f} s CPU; {len(response.content) / 1e6:.2f} MB"
    )
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(1000 * (time.perf_counter() - start))
    print(f"server, map data cached: median {statistics.median(times):7.1f} ms")
    times = []
    page_url = f"/n/{net.slug}/map/?as_of={as_of}"
    client.get(page_url)
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(page_url)
        times.append(1000 * (time.perf_counter() - start))
    print(f"server, map page (table included): median {statistics.median(times):7.1f} ms")


def wait_for_server(base: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def measure(page: Any, action: str, done: str, arg: Any = None) -> float:
    return float(page.evaluate(MEASURE, [action, done, arg]))


def browser_times(base: str, slug: str, login: str, as_of: str, server_pid: int) -> None:
    username, password = login.split("\n")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(120_000)
        page.goto(f"{base}/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.locator("form.record button[type=submit]").click()
        page.wait_for_load_state()

        url = f"{base}/n/{slug}/map/?as_of={as_of}"
        # the server's first computation is not the browser's business: warm it
        cpu = cpu_seconds(server_pid)
        start = time.perf_counter()
        page.request.get(f"{base}/n/{slug}/map/data/?as_of={as_of}", timeout=600_000)
        print(
            f"server over HTTP, map data cold: {time.perf_counter() - start:6.2f} s wall, "
            f"{cpu_seconds(server_pid) - cpu:6.2f} s server CPU"
        )
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("#map-canvas[data-ready=true]", state="attached")
        wall = time.perf_counter() - start
        timings = page.evaluate("window.warmnetMap.timings")
        nodes = page.evaluate("window.warmnetMap.graph.order")
        edges = page.evaluate("window.warmnetMap.graph.size")
        print(f"browser: {nodes} members, {edges} ties drawn")
        print(
            f"first draw: {timings['firstDraw']:7.0f} ms in the page (fetch "
            f"{timings['lastFetch']:.0f} ms, build and draw {timings['lastDraw']:.0f} ms); "
            f"{1000 * wall:7.0f} ms from navigation to drawn, wall-clock"
        )

        baseline = [measure(page, "", "return true") for _ in range(5)]
        print(f"baseline (two frames, nothing done): median {statistics.median(baseline):6.1f} ms")
        redraw = [
            measure(page, "window.warmnetMap.renderer.refresh()", "return true") for _ in range(3)
        ]
        median = statistics.median(redraw)
        print(f"baseline (one redraw of the unchanged map): median {median:6.0f} ms")

        labels = page.evaluate(
            "(() => { const g = window.warmnetMap.graph; const out = [];"
            " g.forEachNode((k, a) => { out.push([k, a.label, a.size]); });"
            " return out.sort((x, y) => y[2] - x[2]); })()"
        )
        count: dict[str, int] = {}
        for _key, label, _size in labels:
            count[label] = count.get(label, 0) + 1
        # five of the larger members (a click must hit them), each with a name of their own
        names = [(key, label) for key, label, _size in labels if count[label] == 1][:50:10]
        search = []
        for key, label in names:
            page.fill("#id_q", "")
            ms = measure(
                page,
                "const q = document.getElementById('id_q'); q.value = arg[1];"
                " q.dispatchEvent(new Event('input', {bubbles: true}));"
                " q.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));",
                "const f = window.warmnetMap.focus; return f && f.key === arg[0] &&"
                " !document.getElementById('map-focus').hidden;",
                [key, label],
            )
            search.append(ms)
        print(
            f"search to focus (type a name, Enter): median {statistics.median(search):6.0f} ms,"
            f" max {max(search):6.0f} ms over {len(search)} names"
        )

        clicks = []
        for key, _label in names:
            page.evaluate(
                "window.warmnetMap.renderer.getCamera()"
                ".setState({x: .5, y: .5, ratio: 1, angle: 0})"
            )
            if page.is_visible("#map-focus-clear"):
                page.click("#map-focus-clear")
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            point = page.evaluate(
                "k => { const r = window.warmnetMap.renderer;"
                " return r.graphToViewport(r.getGraph().getNodeAttributes(k)); }",
                key,
            )
            box = page.locator("#map-canvas").bounding_box()
            page.evaluate(
                "() => { window.__t0 = null; document.getElementById('map-canvas')"
                ".addEventListener('mousedown', () => { window.__t0 = performance.now(); },"
                " {capture: true, once: true}); }"
            )
            page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
            ms = float(
                page.evaluate(
                    """async (k) => {
                      const t = performance.now();
                      // the member under the pointer (a bigger one may lie on top of k)
                      const m = window.warmnetMap;
                      while (!(m.focus && m.focus.kind === "member")) {
                        if (performance.now() - t > 60000) throw new Error("no focus");
                        await new Promise(r => setTimeout(r, 2));
                      }
                      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                      return performance.now() - window.__t0;
                    }""",
                    key,
                )
            )
            clicks.append(ms)
        print(
            f"focus (click a member on the map): median {statistics.median(clicks):6.0f} ms,"
            f" max {max(clicks):6.0f} ms over {len(clicks)} members"
        )

        months = page.evaluate(
            "JSON.parse(document.getElementById('map-config').textContent).months"
        )
        # one month back from the day shown (computed on the server the first time), away
        # to the next month, and back again (now cached)
        back = [m for m in months if m < as_of][-1]
        ahead = next(m for m in months if m >= as_of)
        for label, target in (("cold", back), ("other month", ahead), ("cached", back)):
            page.evaluate("d => { window.__replayTarget = d; }", target)
            cpu = cpu_seconds(server_pid)
            ms = measure(
                page,
                "const s = document.getElementById('replay'); s.value = arg;"
                " s.dispatchEvent(new Event('change', {bubbles: true}));",
                "return window.warmnetMap.day === window.__replayTarget;",
                months.index(target),
            )
            if label != "other month":
                print(
                    f"replay step to {target} ({label}): {ms:7.0f} ms in the page,"
                    f" {cpu_seconds(server_pid) - cpu:5.2f} s server CPU"
                )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug")
    parser.add_argument("--as-of", default=dt.date.today().isoformat())
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    net = Network.objects.get(slug=args.slug)
    login = coordinator_login(net)
    print(f"{net.name}: load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    server_times(net, login.split("\n")[0], args.as_of, args.repeat)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("warmnet")),
            "runserver",
            f"127.0.0.1:{args.port}",
            "--noreload",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_server(base)
        browser_times(base, args.slug, login, args.as_of, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

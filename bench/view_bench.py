"""Time-to-stable of the HTML view in headless Chromium: kg's page against pyvis's own output.

For each size, the same synthetic graph is written twice, by ``kg.view.render_html`` and by
pyvis's ``Network.from_nx`` (``cdn_resources="in_line"``, pyvis's only mode that can draw without
a network; its default "local" mode loads vis-network from a CDN and draws nothing offline), and
both pages are opened in the same Chromium, network blocked, one after the other. Measured from
navigation start: when the graph is first drawn, and when it is stable (kg's page: its
``kgStabilized`` flag, set once physics has stopped or the precomputed layout is drawn; pyvis's page:
vis-network's physics at rest). A page not stable within ``--timeout`` is reported as timed out.

    .venv/bin/python bench/view_bench.py --sizes 500 5000 --out bench/results/view.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from pyvis.network import Network

from kg.synthetic import synthetic_graph
from kg.view import render_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import browser, visit  # noqa: E402

PROBE = """
window.__bench = {};
(function poll() {
  var net = window.kgNetwork || window.network, b = window.__bench;
  if (window.kgStabilized === true && !b.stable) { b.drawn = b.drawn || performance.now(); b.stable = performance.now(); }
  if (net && net.on && !b.hooked) { b.hooked = true; net.once('afterDrawing', function () { b.drawn = b.drawn || performance.now(); }); }
  if (net && net.physics && b.drawn && !b.stable &&
      (net.physics.stabilized === true || net.physics.physicsEnabled === false)) { b.stable = performance.now(); }
  if (!b.stable) setTimeout(poll, 20);
})();
"""


def pyvis_page(G, path: Path) -> None:
    net = Network(directed=True, cdn_resources="in_line")
    plain = G.copy()
    for _, data in plain.nodes(data=True):
        data.pop("aliases", None)
        data.pop("evidence", None)
    for *_, data in plain.edges(data=True):
        data.pop("evidence", None)
    net.from_nx(plain)
    cwd = os.getcwd()
    os.chdir(path.parent)  # pyvis copies its lib/ folder into the working directory
    try:
        net.write_html(path.name)
    finally:
        os.chdir(cwd)


def measure(b, path: Path, timeout_s: float) -> dict:
    with visit(b, "about:blank") as v:
        v.page.add_init_script(PROBE)
        start = time.monotonic()
        try:  # a page can be too busy to even fire "load": wait for the commit only
            v.page.goto(path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
            remaining = max(1.0, timeout_s - (time.monotonic() - start))
            v.page.wait_for_function(
                "window.__bench && window.__bench.stable", timeout=remaining * 1000, polling=100
            )
            timed_out = False
        except Exception:  # Playwright's TimeoutError
            timed_out = True
        result = v.page.evaluate("window.__bench") or {}
        drawn = v.page.evaluate(
            "(window.kgNetwork || window.network) ? (window.kgNetwork || window.network).body.data.nodes.length : 0"
        )
        return {
            "first_drawn_s": round(result["drawn"] / 1000, 2) if "drawn" in result else None,
            "stable_s": None if timed_out else round(result["stable"] / 1000, 2),
            "timed_out_after_s": round(time.monotonic() - start, 1) if timed_out else None,
            "entities_in_view": drawn,
            "blocked_requests": len(v.requests),
            "console_errors": len(v.errors),
            "html_bytes": path.stat().st_size,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds to wait for a page to become stable"
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "view.json"))
    args = parser.parse_args(argv)
    results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "runs": []}
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        for n in args.sizes:
            G = synthetic_graph(n)
            ours, theirs = Path(tmp) / f"kg-{n}.html", Path(tmp) / f"pyvis-{n}.html"
            t = time.monotonic()
            ours.write_text(render_html(G, f"kg {n}"))
            write_s = time.monotonic() - t
            pyvis_page(G, theirs)
            run = {"nodes": n, "edges": G.number_of_edges(), "kg_write_s": round(write_s, 2)}
            run["kg"] = measure(b, ours, args.timeout)
            run["pyvis_from_nx"] = measure(b, theirs, args.timeout)
            results["runs"].append(run)
            print(json.dumps(run), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

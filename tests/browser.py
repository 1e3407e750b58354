"""Drive pages in a real headless Chromium (Debian's /usr/bin/chromium) with the network blocked."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("file:", "data:", "about:", "blob:")


@dataclass
class Visit:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def require_chromium():
    if shutil.which(CHROMIUM) is None and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is required under CI (Debian package chromium)")
        pytest.skip(f"{CHROMIUM} not installed (Debian package chromium)")
    return pytest.importorskip("playwright.sync_api")


@contextmanager
def browser():
    sync_api = require_chromium()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def visit(b, url: str, *, viewport=(1400, 900)):
    """Open ``url`` with every non-local request blocked and recorded, console errors collected."""
    # bypass_csp: Playwright's polling evaluates strings, which the page's CSP forbids; it also
    # means the escaping, not the CSP, is what the XSS tests exercise
    context = b.new_context(viewport={"width": viewport[0], "height": viewport[1]}, bypass_csp=True)
    visit = Visit(page=None)

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            visit.requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    visit.page = page
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(url)
        yield visit
    finally:
        context.close()


def time_to_stable(page, probe: str, timeout_s: float) -> float:
    """Seconds from navigation start until the JavaScript expression ``probe`` is true."""
    page.wait_for_function(probe, timeout=timeout_s * 1000, polling=50)
    return page.evaluate("performance.now()") / 1000.0

"""A translator's browser (issue 3): headless Chromium from Debian, driven by Playwright,
on a real ``sajeon serve``. Nothing downloads a browser: the executable path is given."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .conftest import ROOT, need
from .liveserver import live_server, run_sajeon

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("SAJEON_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture
def browser_page():
    executable = chromium_path()
    need(executable is not None, "Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        need(False, "playwright is not installed (pip install -e '.[test]')")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 1000},
            locale="ko-KR",
        )
        try:
            yield context.new_page()
        finally:
            context.close()


def test_translator_finds_terms_by_typing_korean(bundled_project, tmp_path, browser_page):
    page = browser_page
    with live_server(bundled_project.root, tmp_path) as server:
        page.goto(server.url + "/")
        for query in ("보위", "보위성", "국가보위성에서"):
            box = page.locator("input[name=q]")
            box.fill("")
            box.type(query)
            with page.expect_navigation():
                box.press("Enter")
            assert page.get_by_role("heading", name="Glossary").is_visible()
            assert page.get_by_text("Ministry of State Security", exact=True).first.is_visible()
            card = page.locator(".sajeon-card").first
            assert "국가보위성" in card.inner_text(), query
        # The screenshot a person would look at: the page for 보위.
        page.goto(server.url + "/sajeon/-/search?q=보위")
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "browser-search-보위.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")
        # Korean is laid out in a Korean font, not as tofu boxes.
        korean = page.locator(".sajeon-card h3 span[lang=ko]").first
        assert korean.evaluate("e => e.lang") == "ko"
        assert korean.bounding_box()["width"] > 40

        # The standard table search box works with Korean too.
        page.goto(server.url + "/sajeon/terms")
        page.locator("#_search").fill("보위")
        with page.expect_navigation():
            page.locator("#_search").press("Enter")
        assert page.locator("td.col-text a", has_text="국가보위성").first.is_visible()

        # A term added in another terminal shows on the next page load.
        added = run_sajeon(bundled_project.root, "term", "add", "보위성신설국", "New MSS Bureau")
        assert added.returncode == 0, added.stderr
        page.goto(server.url + "/sajeon/-/search?q=신설국")
        assert page.get_by_text("New MSS Bureau").first.is_visible()
        with page.expect_navigation():
            page.get_by_role("link", name="보위성신설국 → New MSS Bureau").click()
        assert page.locator("h1").inner_text().startswith("보위성신설국")

        # A sentence close to one in the memory: from the navigation bar to the fuzzy
        # match page, paste it, and read the old translation with its percentage.
        page.goto(server.url + "/sajeon/-/search")
        with page.expect_navigation():
            nav = page.get_by_role("navigation", name="sajeon pages")
            nav.get_by_role("link", name="Fuzzy match").click()
        box = page.locator("textarea[name=text]")
        box.fill("체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다.")
        with page.expect_navigation():
            page.get_by_role("button", name="Find matches").click()
        row = page.locator("table.sajeon-matches tbody tr").filter(has_text="Onsong County MSS")
        assert row.locator("td.sajeon-score").inner_text() == "90%"
        assert row.get_by_text(
            "The arrested residents are currently being interrogated by the Onsong County MSS."
        ).is_visible()
        assert row.locator("mark.sajeon-diff").inner_text() == "온성군"
        shot = ARTIFACTS / "browser-match-회령시.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")

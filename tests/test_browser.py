"""A translator's browser (issue 3): headless Chromium from Debian, driven by Playwright,
on a real ``sajeon serve``. Nothing downloads a browser: the executable path is given."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

from sajeon.web.datasette_plugin import MAX_TEXT

from .conftest import ROOT, need
from .liveserver import live_server, run_sajeon
from .sample_article import SENTENCES, article

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


# ---------------------------------------------------------------------------- issue 9


def shoot(page, name: str) -> Path:
    """A full-page screenshot into test-artifacts/, for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"browser-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    return shot


def page_width(page) -> int:
    """How wide the page is laid out: wider than the viewport means sideways scrolling."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


def paste(page, text: str) -> None:
    """Put a text into the textarea as a paste does (one input event, no typing)."""
    page.locator("textarea[name=text]").fill(text)


def test_whole_article_in_terms_in_text_and_fuzzy_match(
    bundled_project, tmp_path, browser_page, sajeon
):
    text = article(3000)
    cli = json.loads(sajeon("terms", text, "--json").output)["terms"]
    page = browser_page
    with live_server(bundled_project.root, tmp_path) as server:
        page.goto(server.url + "/sajeon/-/terms")
        length = page.locator("#sajeon-length")
        assert length.inner_text() == f"0 of at most {MAX_TEXT:,} characters"
        paste(page, text)
        # The length, and the limit, before anything is sent.
        assert length.inner_text() == f"{len(text):,} of at most {MAX_TEXT:,} characters"
        with page.expect_navigation():
            page.get_by_role("button", name="Find terms").click()
        assert page.url == server.url + "/sajeon/-/terms"  # POSTed: the URL stays short
        marks = page.locator(".sajeon-text mark")
        assert marks.count() == len(cli) > 150
        heading = page.locator("#sajeon-found-heading").inner_text()
        assert heading.startswith(f"{len(cli)} terms of ")
        assert page.locator("table.sajeon-found tbody tr").count() == len(cli)
        # The text is still in the box, whole, to change and send again.
        assert page.locator("textarea[name=text]").input_value() == text
        style = "e => [getComputedStyle(e).color, getComputedStyle(e).fontSize]"
        terms_heading = page.locator("h1").evaluate(style)
        shoot(page, "terms-article-desktop")

        # From there to the fuzzy match of the same text: a form, the text too long for a
        # link.
        with page.expect_navigation():
            page.get_by_role("button", name="Fuzzy matches for this text").click()
        # Laid out like every sajeon page (no page-wide rule greys it or shrinks it).
        assert page.locator("h1").evaluate(style) == terms_heading
        sentences = page.locator("section.sajeon-sentence")
        assert sentences.count() == 4 * text.count("\n") + 4
        first = sentences.first
        assert first.locator("h3").inner_text().endswith(SENTENCES[0])
        scores = first.locator("td.sajeon-score").all_inner_texts()
        assert scores == ["90%", "90%"]
        assert page.locator("section.sajeon-sentence.sajeon-unmatched").count() > 0
        summary = page.locator(".sajeon-count-line").first.inner_text()
        assert f"of {sentences.count()} sentences" in summary
        shoot(page, "match-article-desktop")
        page.set_viewport_size({"width": 390, "height": 844})
        assert page_width(page) <= 390
        shoot(page, "match-article-390")


def test_too_long_a_text_is_said_before_and_after_sending(bundled_project, tmp_path, browser_page):
    page = browser_page
    text = "국가보위성에서 " * (MAX_TEXT // 8) + "온성군 보위부가 조사했다."
    with live_server(bundled_project.root, tmp_path) as server:
        page.goto(server.url + "/sajeon/-/terms")
        paste(page, text)
        length = page.locator("#sajeon-length")
        assert "sajeon-too-long" in length.get_attribute("class")
        assert f"{len(text) - MAX_TEXT:,} too many" in length.inner_text()
        with page.expect_navigation():
            page.get_by_role("button", name="Find terms").click()
        error = page.get_by_role("alert")
        assert f"at most {MAX_TEXT:,} characters, not {len(text):,}" in error.inner_text()
        # The form is there with the whole text, nothing cut.
        assert page.locator("textarea[name=text]").input_value() == text
        assert page.get_by_role("navigation", name="sajeon pages").is_visible()


def test_copy_buttons_put_the_term_on_the_clipboard(bundled_project, tmp_path, browser_page):
    page = browser_page
    with live_server(bundled_project.root, tmp_path) as server:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
        page.goto(server.url + "/sajeon/-/concept/ministry-of-state-security")
        button = page.locator('button.sajeon-copy[data-copy="Ministry of State Security"]')
        button.click()
        assert page.evaluate("navigator.clipboard.readText()") == "Ministry of State Security"
        assert button.inner_text() == "Copied"
        # A fuzzy match's translation.
        page.goto(server.url + "/sajeon/-/match?text=" + quote(SENTENCES[0]))
        row = page.locator("table.sajeon-matches tbody tr").first
        target = row.locator(".sajeon-target").inner_text()
        row.locator("button.sajeon-copy").click()
        assert page.evaluate("navigator.clipboard.readText()") == target
        assert target.startswith("The arrested residents are currently being interrogated")
        # The preferred translation on Terms in text.
        page.goto(server.url + "/sajeon/-/terms?text=" + quote("국가보위성에서 조사했다."))
        page.locator("table.sajeon-found button.sajeon-copy").first.click()
        assert page.evaluate("navigator.clipboard.readText()") == "Ministry of State Security"


def test_pages_read_well_on_a_desktop_and_a_phone(bundled_project, tmp_path, browser_page):
    page = browser_page
    text = article(1200)
    with live_server(bundled_project.root, tmp_path) as server:
        pages = {
            "home": "/",
            "concept-mss": "/sajeon/-/concept/ministry-of-state-security",
            "concept-forbidden": "/sajeon/-/concept/ministry-of-social-security",
            "search-군": "/sajeon/-/search?q=" + quote("군"),
            "concordance-보위부": "/sajeon/-/concordance?q=" + quote("보위부"),
            "terms-paragraph": "/sajeon/-/terms?text=" + quote(text),
            "search-phrase": "/sajeon/-/search?q=" + quote("온성군 보위부가 돈주를 체포했다"),
        }
        for width, label in ((1200, "desktop"), (390, "390")):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(server.url + path)
                assert page_width(page) <= width, (name, width, page_width(page))
                shoot(page, f"{name}-{label}")

        # The home page: sajeon's pages and figures, not Datasette's table list.
        page.goto(server.url + "/")
        counts = page.locator(".sajeon-counts").inner_text()
        assert re.search(r"\d+ concepts", counts) and re.search(r"\d+ translated segments", counts)
        for label in ("Search", "Terms in text", "Fuzzy match", "Concordance"):
            assert page.get_by_role("link", name=label, exact=True).first.is_visible()
        assert "hidden table" not in page.content()

        # The forbidden marker is drawn, not a missing emoji glyph.
        page.goto(server.url + pages["concept-forbidden"])
        marker = page.locator(".sajeon-status-forbidden svg").first
        box = marker.bounding_box()
        assert box and box["width"] >= 10 and box["height"] >= 10
        assert "⛔" not in page.locator("body").inner_text()

        # On a phone, the concept's terms stack: every cell within the screen.
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(server.url + pages["concept-mss"])
        for table in ("table.sajeon-terms",):
            right = page.locator(f"{table} td").evaluate_all(
                "cells => Math.max(...cells.map(c => c.getBoundingClientRect().right))"
            )
            assert right <= 390
        page.goto(server.url + pages["terms-paragraph"])
        right = page.locator("table.sajeon-found td").evaluate_all(
            "cells => Math.max(...cells.map(c => c.getBoundingClientRect().right))"
        )
        assert right <= 390

        # 군: one line per concept, each with its English ready to copy.
        page.goto(server.url + pages["search-군"])
        lines = page.locator("ol.sajeon-compact > li")
        assert lines.count() > 10
        assert page.locator(".sajeon-card").count() == 0

        # A phrase no term matches as a whole: a pointer to Terms in text, filled in.
        page.goto(server.url + pages["search-phrase"])
        with page.expect_navigation():
            page.get_by_role("link", name="See them in Terms in text").click()
        assert (
            page.locator("textarea[name=text]").input_value() == "온성군 보위부가 돈주를 체포했다"
        )
        assert page.locator(".sajeon-text mark").count() >= 2

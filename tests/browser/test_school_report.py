"""The school report in Chromium: on a desktop and a phone with nothing cut off, and printed on A4."""

import contextlib
import io
from pathlib import Path

import pytest

from browser.browser import Browser
from browser.printed import A4, half_empty, printed_pages
from helpers import FRAMEWORK
from reports import own_plan_cycle, school_cycle
from school_improvement._cli.parser import main
from school_improvement._render.html import html_report

WIDTHS = (1280, 390)
"""A desktop screen and a phone's, in CSS pixels."""

A4_TEXT_WIDTH = 718
"""The width of an A4 page inside 15 mm margins, in CSS pixels (180 mm at 96 to the inch)."""

MOST_PAGES = 12
"""The most A4 pages the fullest report may print on: a plan and its review take room, but not a ream."""


@pytest.fixture(scope="module", params=["demo", "draft-plan", "own-plan"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's report, as a newcomer first sees it, and those of a school with a drafted plan and its own plan."""
    path = tmp_path_factory.mktemp("report") / f"{request.param}.html"
    if request.param == "demo":
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["demo", "-o", str(path)]) == 0
        return path
    cycle = school_cycle() if request.param == "draft-plan" else own_plan_cycle()
    path.write_text(html_report(FRAMEWORK, cycle, school_name="Ysgol Enghraifft"), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_scrolls_sideways(browser: Browser, report: Path, width: int) -> None:
    """Nothing on the page is wider than the screen: wide tables scroll inside their own box."""
    browser.open(report, width)
    assert browser.overflow() == 0, browser.wider_than_viewport()[:10]
    assert browser.wider_than_viewport() == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_in_the_journey_map_is_at_least_12_px(browser: Browser, report: Path, width: int) -> None:
    """The map reads at a phone's width as on a desktop: no text under 12 CSS pixels."""
    browser.open(report, width)
    smallest = browser.smallest_text(".journey-map")
    assert smallest is not None, "no journey map on the page"
    assert smallest >= 12, f"the map's smallest text is {smallest:.1f} px at {width} px wide"


def test_the_journey_map_is_photographed_at_both_widths(browser: Browser, report: Path) -> None:
    """A picture of the map at each width is kept among the test artefacts, for a person to look at."""
    for width in WIDTHS:
        browser.open(report, width, height=2600)  # tall enough for the whole map in one picture
        shot = browser.screenshot(".journey-map", f"journey-map-{report.stem}-{width}.png")
        assert shot.stat().st_size > 1000
        assert shot.read_bytes().startswith(b"\x89PNG")


def test_printed_on_a4_without_half_empty_pages(browser: Browser, report: Path) -> None:
    """Printed, the report is on A4, in a bounded number of pages, none more than half empty but the last."""
    browser.open(report, 1280)
    pages = printed_pages(browser.print_pdf())
    assert 1 < len(pages) <= MOST_PAGES
    assert {(round(page.width), round(page.height)) for page in pages} == {A4}
    assert half_empty(pages) == [], [f"{page.filled:.0%}" for page in pages]


def test_the_printed_map_is_legible(browser: Browser, report: Path) -> None:
    """Laid out for print at an A4 page's width, the map's text is at least 11 CSS pixels (8 points)."""
    browser.open(report, A4_TEXT_WIDTH, media="print")
    smallest = browser.smallest_text(".journey-map")
    assert smallest is not None
    assert smallest >= 11, f"the printed map's smallest text is {smallest:.1f} px (under 8 pt)"


def test_each_table_s_caption_is_read_whole_on_a_phone(browser: Browser, report: Path) -> None:
    """A table wider than a phone scrolls in its box, but the caption saying what it holds wraps within the screen."""
    browser.open(report, 390)
    cut = browser.run(
        "const width = document.documentElement.clientWidth;"
        "return [...document.querySelectorAll('.scrolls caption')]"
        ".filter((c) => c.getBoundingClientRect().right > width + 0.5).map((c) => c.textContent);"
    )
    assert cut == []

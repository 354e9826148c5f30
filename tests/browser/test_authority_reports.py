"""The reports across schools in Chromium: on a desktop and a phone with nothing cut off, and printed on A4.

The roll-up and the match report of the example authority, without its
decisions and with them, made as the command line makes them (given the
survey and the register, so the schools are named).
"""

import functools
from pathlib import Path

import pytest

from browser.browser import Browser
from browser.printed import A4, half_empty, printed_pages
from helpers import FRAMEWORK, LOCAL_AUTHORITY
from reports import (
    example_collaboration,
    example_decisions_collaboration,
    example_decisions_rollup,
    example_decisions_survey,
    example_rollup,
    example_survey,
)
from school_improvement import School, read_school_register
from school_improvement._render.authority_html import html_authority_report

WIDTHS = (1280, 390)
"""A desktop screen and a phone's, in CSS pixels."""

TALL = 2400
"""A viewport tall enough to hold a whole picture of the counts, so that its photograph is not cut off."""

A4_TEXT_WIDTH = 680
"""The width of an A4 page inside 15 mm margins, in CSS pixels (180 mm at 96 to the inch)."""

MOST_PAGES = {"rollup": 24, "match": 14}
"""The most A4 pages each report of the thirty example schools may print on. The roll-up has three groups (all
schools and two authorities), each with its picture and tables, then the schools in each count and the schools
surveyed; the match report a row and an explanation per partnership, then the schools surveyed."""

CHART = ".stage-chart"
"""The first picture of the counts: that of all the schools."""


@functools.cache
def _register() -> tuple[School, ...]:
    return read_school_register((LOCAL_AUTHORITY / "schools.csv").read_bytes())


def _page(kind: str, *, decisions: bool) -> str:
    surveyed = example_decisions_survey() if decisions else example_survey()
    if kind == "rollup":
        rollup = example_decisions_rollup() if decisions else example_rollup()
        return html_authority_report(FRAMEWORK, rollup=rollup, survey=surveyed, schools=_register())
    matched = example_decisions_collaboration() if decisions else example_collaboration()
    return html_authority_report(FRAMEWORK, collaboration=matched, survey=surveyed, schools=_register())


@pytest.fixture(
    scope="module",
    params=[("rollup", False), ("rollup", True), ("match", False), ("match", True)],
    ids=["roll-up", "roll-up with decisions", "match", "match with decisions"],
)
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """Each report, as a file named for what it holds, with what it holds."""
    kind, decisions = request.param
    name = f"{kind}{'-with-decisions' if decisions else ''}"
    path = tmp_path_factory.mktemp(name) / f"{name}.html"
    path.write_text(_page(kind, decisions=decisions), encoding="utf-8")
    return kind, path


@pytest.fixture(scope="module", params=[False, True], ids=["roll-up", "roll-up with decisions"])
def rollup(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The roll-up, without the decisions and with them, as a file named for it."""
    name = f"rollup{'-with-decisions' if request.param else ''}"
    path = tmp_path_factory.mktemp(name) / f"{name}.html"
    path.write_text(_page("rollup", decisions=request.param), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_scrolls_sideways(browser: Browser, report: tuple[str, Path], width: int) -> None:
    """Nothing on the page is wider than the screen: wide tables scroll inside their own box."""
    browser.open(report[1], width)
    assert browser.overflow() == 0, browser.wider_than_viewport()[:10]
    assert browser.wider_than_viewport() == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_in_the_picture_is_at_least_12_px(browser: Browser, rollup: Path, width: int) -> None:
    """The picture reads at a phone's width as on a desktop: no text under 12 CSS pixels, in any group's picture."""
    browser.open(rollup, width)
    pictures = int(str(browser.run(f"return document.querySelectorAll('{CHART}').length")))
    assert pictures == 3  # all the schools, then each of the two authorities
    for number in range(1, pictures + 1):
        smallest = browser.smallest_text(f"#chart-{number}")
        assert smallest is not None
        assert smallest >= 12, f"picture {number}'s smallest text is {smallest:.1f} px at {width} px wide"


@pytest.mark.parametrize("width", WIDTHS)
def test_one_layout_of_the_picture_is_shown_at_each_width(browser: Browser, rollup: Path, width: int) -> None:
    """The names beside the bars on a desktop, above them on a phone: one picture shown, the other hidden."""
    browser.open(rollup, width)
    shown = browser.run(
        f"return [...document.querySelector('{CHART}').querySelectorAll('svg')]"
        ".filter((svg) => svg.getClientRects().length).map((svg) => svg.getAttribute('class'))"
    )
    assert shown == (["wide"] if width > 768 else ["narrow"])  # 48rem, where the layouts switch


def test_the_picture_is_photographed_at_both_widths_and_for_print(browser: Browser, rollup: Path) -> None:
    """A picture of the counts at each width, and as laid out for print, is kept among the test artefacts."""
    shots = []
    for width in WIDTHS:
        browser.open(rollup, width, TALL)
        shots.append(browser.screenshot(CHART, f"stage-chart-{rollup.stem}-{width}.png"))
    browser.open(rollup, A4_TEXT_WIDTH, TALL, media="print")
    shots.append(browser.screenshot(CHART, f"stage-chart-{rollup.stem}-print.png"))
    for shot in shots:
        assert shot.stat().st_size > 1000
        assert shot.read_bytes().startswith(b"\x89PNG")


def test_printed_on_a4_without_half_empty_pages(browser: Browser, report: tuple[str, Path]) -> None:
    """Printed, each report is on A4, in a bounded number of pages, none more than half empty but the last."""
    kind, path = report
    browser.open(path, 1280)
    pages = printed_pages(browser.print_pdf())
    assert 1 < len(pages) <= MOST_PAGES[kind]
    assert {(round(page.width), round(page.height)) for page in pages} == {A4}
    assert half_empty(pages) == [], [f"{page.filled:.0%}" for page in pages]


def test_the_printed_picture_is_legible(browser: Browser, rollup: Path) -> None:
    """Laid out for print at an A4 page's width, the picture's text is at least 11 CSS pixels (8 points)."""
    browser.open(rollup, A4_TEXT_WIDTH, media="print")
    smallest = browser.smallest_text(CHART)
    assert smallest is not None
    assert smallest >= 11, f"the printed picture's smallest text is {smallest:.1f} px (under 8 pt)"

"""The reports in a real browser: Debian's Chromium, driven headless by selenium through chromium-driver.

A report is opened from a file at a given width, measured (horizontal
overflow, the smallest text drawn), photographed, and printed to PDF as the
browser's own print would lay it out (the page size from the report's CSS).
"""

import base64
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

REQUIRED = "SCHOOL_IMPROVEMENT_REQUIRE_BROWSER"
"""Set (as CI sets it) to make a missing browser a failure, not a skip."""

ARTEFACTS = Path(os.environ.get("SCHOOL_IMPROVEMENT_ARTEFACTS", Path(__file__).parents[2] / "build" / "test-artefacts"))
"""Where screenshots are kept: outside the package, ignored by git."""

_FLAGS = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine's network is closed: no calls home
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
)

# The smallest size each text is drawn at, in CSS pixels: an SVG text's font size times its scale on screen,
# an HTML element's computed size. Only text that is shown counts.
_SMALLEST_TEXT = """
const root = document.querySelector(arguments[0]);
if (root === null) { return null; }
let smallest = Infinity;
const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
for (const element of [root, ...root.querySelectorAll("*")]) {
  if (!shown(element)) { continue; }
  const own = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  if (!own) { continue; }
  let size = parseFloat(getComputedStyle(element).fontSize);
  if (element instanceof SVGElement) {
    const matrix = element.getScreenCTM();
    size *= Math.hypot(matrix.a, matrix.b);
  }
  smallest = Math.min(smallest, size);
}
return smallest;
"""


def executables() -> tuple[str, str] | None:
    """Chromium and its driver, where this machine has both."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@attrs.define
class Browser:
    """One headless Chromium, opened once for the tests that need it."""

    driver: webdriver.Chrome

    def open(self, page: Path, width: int, height: int = 900, media: str = "") -> None:
        """Show a page from a file in a viewport ``width`` CSS pixels wide (a phone below 600).

        With ``media="print"``, the page is laid out as it prints.
        """
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
        self.driver.get(page.resolve().as_uri())

    def overflow(self) -> int:
        """How many CSS pixels the page is wider than the viewport: 0 when nothing scrolls sideways."""
        script = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        return int(self.driver.execute_script(script))

    def wider_than_viewport(self) -> list[str]:
        """The elements whose right edge lies beyond the viewport (outside any box that scrolls)."""
        script = """
        const width = document.documentElement.clientWidth;
        return [...document.body.querySelectorAll("*")]
          .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
          .filter((e) => !e.closest(".scrolls"))
          .map((e) => {
            const named = typeof e.className === "string" && e.className;
            return e.tagName.toLowerCase() + (named ? "." + e.className : "");
          });
        """
        return list(self.driver.execute_script(script))

    def smallest_text(self, selector: str) -> float | None:
        """The smallest text shown inside the first element ``selector`` finds, in CSS pixels; ``None`` without one."""
        found = self.driver.execute_script(_SMALLEST_TEXT, selector)
        return None if found is None else float(found)

    def run(self, script: str, *arguments: object) -> object:
        """The value of a script run in the page."""
        return self.driver.execute_script(script, *arguments)

    def screenshot(self, selector: str, name: str) -> Path:
        """A PNG of the first element ``selector`` finds, kept among the test artefacts as ``name``."""
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / name
        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        element.screenshot(str(path))
        return path

    def print_pdf(self) -> bytes:
        """The page printed as the browser prints it: paper size from the page's CSS, backgrounds drawn."""
        options = {"preferCSSPageSize": True, "printBackground": True}
        printed = self.driver.execute_cdp_cmd("Page.printToPDF", options)
        return base64.b64decode(printed["data"])


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium with a fresh profile; skipped where none is installed, unless CI requires one."""
    found = executables()
    if found is None:
        reason = "no Chromium here: install Debian's chromium and chromium-driver to run the browser tests"
        if os.environ.get(REQUIRED):
            pytest.fail(f"{reason} ({REQUIRED} is set)")
        pytest.skip(reason)
    binary, driver_path = found
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in (*_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            yield Browser(driver)
        finally:
            driver.quit()
